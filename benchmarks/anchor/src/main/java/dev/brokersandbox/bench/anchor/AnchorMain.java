package dev.brokersandbox.bench.anchor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.bench.anchor.fixtures.GlobalSuiteFixture;
import dev.brokersandbox.bench.anchor.fixtures.PerClassSuiteFixture;
import dev.brokersandbox.bench.anchor.fixtures.PerTestFixture;
import dev.brokersandbox.bench.common.JUnitRun;
import dev.brokersandbox.bench.common.KafkaLoad;
import dev.brokersandbox.bench.common.Report;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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

    private static final Duration WAIT = KafkaLoad.WAIT;
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
                KafkaLoad.pollUntil(consumer, 1);
                Report.put("ready_ms", Report.sinceJvmStartMs());
                Report.put("cpu_at_ready_ms", Report.cpuMs());
                Report.put("kafka_round_trip_ms", Report.ms(System.nanoTime() - started));
                Report.haltIfProfiling();
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
            KafkaLoad.newGroupLatency(group -> new KafkaConsumer<Integer, String>(
                    KafkaTestUtils.consumerProps(broker.getBrokersAsString(), group)), "latency", LATENCY_GROUPS);
        } finally {
            broker.destroy();
        }
    }

    private static void throughput() throws Exception {
        String value = "x".repeat(100);
        EmbeddedKafkaBroker broker = startBroker("throughput");
        try {
            Map<String, Object> producerProps = KafkaTestUtils.producerProps(broker);
            producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
            Report.clientConfig("producer_", producerProps, ProducerConfig.configDef(), "acks", "linger.ms", "batch.size");
            Report.clientConfig("consumer_", KafkaTestUtils.consumerProps(broker.getBrokersAsString(), "throughput"),
                    ConsumerConfig.configDef(), "fetch.max.wait.ms", "max.poll.records", "enable.auto.commit");
            try (KafkaProducer<Integer, String> producer = new KafkaProducer<>(producerProps)) {
                KafkaLoad.produce(producer, "throughput", THROUGHPUT_RECORDS, value);
            }
            try (KafkaConsumer<Integer, String> consumer =
                         new KafkaConsumer<>(KafkaTestUtils.consumerProps(broker.getBrokersAsString(), "throughput"))) {
                KafkaLoad.consume(consumer, "throughput", THROUGHPUT_RECORDS);
            }
        } finally {
            broker.destroy();
        }
    }
}
