package dev.brokersandbox.bench.anchor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.brokersandbox.bench.anchor.fixtures.GlobalSuiteFixture;
import dev.brokersandbox.bench.anchor.fixtures.PerClassSuiteFixture;
import dev.brokersandbox.bench.anchor.fixtures.PerTestFixture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * The anchor's side of the benchmark (spring-kafka-test's embedded KRaft Kafka, Kafka only), the
 * same measurements as {@code OursMain}, with spring-kafka-test's usual set-up: an
 * {@link EmbeddedKafkaKraftBroker} of one broker and clients from {@link KafkaTestUtils}' props.
 */
public final class AnchorMain {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final int THROUGHPUT_RECORDS = 200_000;
    private static final int LATENCY_GROUPS = 20;

    private AnchorMain() {
    }

    public static void main(String[] args) throws Exception {
        long mainMs = Report.sinceJvmStartMs();
        String mode = args.length == 0 ? "cold" : args[0];
        Report.put("main_ms", mainMs);
        switch (mode) {
            case "cold" -> cold();
            case "latency" -> latency();
            case "throughput" -> throughput();
            case "pertest" -> JUnitRun.run(List.of(PerTestFixture.class), Map.of());
            case "suite" -> JUnitRun.run(PerClassSuiteFixture.CLASSES, Map.of());
            case "suite-global" -> JUnitRun.run(GlobalSuiteFixture.CLASSES, Map.of(
                    "spring.kafka.global.embedded.enabled", "true",
                    "spring.kafka.embedded.topics", String.join(",", GlobalSuiteFixture.TOPICS),
                    "spring.kafka.embedded.partitions", "1"));
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        Report.put("kafka_version", Report.kafkaVersion());
        Report.put("spring_kafka_test_version", EmbeddedKafkaBroker.class.getPackage().getImplementationVersion());
        Report.put("junit_version", org.junit.jupiter.api.Test.class.getPackage().getImplementationVersion());
        Report.put("done", 1);
        System.exit(0);
    }

    private static EmbeddedKafkaBroker startBroker(String topic) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, topic);
        broker.afterPropertiesSet();
        return broker;
    }

    /** JVM start until the broker has carried one Kafka record. */
    private static void cold() throws Exception {
        long t0 = System.nanoTime();
        EmbeddedKafkaBroker broker = startBroker("cold");
        try {
            long started = System.nanoTime();
            Report.put("started_ms", Report.sinceJvmStartMs());
            Report.put("cpu_at_started_ms", Report.cpuMs());
            Report.put("start_call_ms", Report.ms(started - t0));
            try (KafkaProducer<Integer, String> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(broker));
                 KafkaConsumer<Integer, String> consumer =
                         new KafkaConsumer<>(KafkaTestUtils.consumerProps(broker.getBrokersAsString(), "cold-start"))) {
                producer.send(new ProducerRecord<>("cold", 1, "v")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                consumer.subscribe(List.of("cold"));
                pollUntil(consumer, 1);
                Report.put("ready_ms", Report.sinceJvmStartMs());
                Report.put("cpu_at_ready_ms", Report.cpuMs());
                Report.put("kafka_round_trip_ms", Report.ms(System.nanoTime() - started));
            }
        } finally {
            broker.destroy();
        }
    }

    private static void latency() throws Exception {
        EmbeddedKafkaBroker broker = startBroker("latency");
        try {
            Report.put("heap_mb", Report.heapAfterGcMb());
            try (KafkaProducer<Integer, String> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(broker))) {
                producer.send(new ProducerRecord<>("latency", 1, "v")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i <= LATENCY_GROUPS; i++) {
                try (KafkaConsumer<Integer, String> consumer =
                             new KafkaConsumer<>(KafkaTestUtils.consumerProps(broker.getBrokersAsString(), "latency-" + i))) {
                    long t0 = System.nanoTime();
                    consumer.subscribe(List.of("latency"));
                    pollUntil(consumer, 1);
                    double ms = Report.ms(System.nanoTime() - t0);
                    if (i == 0) {
                        Report.put("first_group_ms", ms);
                    } else {
                        warm.add(ms);
                    }
                }
            }
            Report.put("warm_group_median_ms", median(warm));
            Report.put("warm_group_all_ms", warm);
        } finally {
            broker.destroy();
        }
    }

    private static void throughput() throws Exception {
        String value = "x".repeat(100);
        EmbeddedKafkaBroker broker = startBroker("throughput");
        try {
            AtomicReference<Exception> failure = new AtomicReference<>();
            Map<String, Object> producerProps = KafkaTestUtils.producerProps(broker);
            producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
            Report.clientConfig("producer_", producerProps, ProducerConfig.configDef(), "acks", "linger.ms", "batch.size");
            Report.clientConfig("consumer_", KafkaTestUtils.consumerProps(broker.getBrokersAsString(), "throughput"),
                    ConsumerConfig.configDef(), "fetch.max.wait.ms", "max.poll.records", "enable.auto.commit");
            try (KafkaProducer<Integer, String> producer = new KafkaProducer<>(producerProps)) {
                long t0 = System.nanoTime();
                for (int i = 0; i < THROUGHPUT_RECORDS; i++) {
                    producer.send(new ProducerRecord<>("throughput", value), (md, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                }
                producer.flush();
                long t1 = System.nanoTime();
                if (failure.get() != null) {
                    throw failure.get();
                }
                Report.put("produce_msg_s", THROUGHPUT_RECORDS / ((t1 - t0) / 1e9));
            }
            try (KafkaConsumer<Integer, String> consumer =
                         new KafkaConsumer<>(KafkaTestUtils.consumerProps(broker.getBrokersAsString(), "throughput"))) {
                long subscribed = System.nanoTime();
                consumer.subscribe(List.of("throughput"));
                long first = 0;
                int count = 0;
                long deadline = System.nanoTime() + WAIT.toNanos() * 4;
                while (count < THROUGHPUT_RECORDS) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("consumed " + count + " of " + THROUGHPUT_RECORDS);
                    }
                    ConsumerRecords<Integer, String> records = consumer.poll(Duration.ofMillis(100));
                    if (!records.isEmpty() && first == 0) {
                        first = System.nanoTime();
                    }
                    count += records.count();
                }
                long last = System.nanoTime();
                Report.put("consume_msg_s", THROUGHPUT_RECORDS / ((last - first) / 1e9));
                Report.put("consume_incl_join_msg_s", THROUGHPUT_RECORDS / ((last - subscribed) / 1e9));
            }
        } finally {
            broker.destroy();
        }
    }

    static void pollUntil(KafkaConsumer<Integer, String> consumer, int wanted) {
        int count = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (count < wanted) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("got " + count + " of " + wanted + " records within " + WAIT);
            }
            count += consumer.poll(Duration.ofMillis(100)).count();
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
