package dev.brokersandbox.bench.ours;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.brokersandbox.Sandbox;
import dev.brokersandbox.bench.common.JUnitRun;
import dev.brokersandbox.bench.common.KafkaLoad;
import dev.brokersandbox.bench.common.Report;
import dev.brokersandbox.bench.ours.fixtures.FirstTestFixture;
import dev.brokersandbox.bench.ours.fixtures.PerTestFixture;
import dev.brokersandbox.bench.ours.fixtures.PerTestKafkaOnlyFixture;
import dev.brokersandbox.bench.ours.fixtures.SuiteFixture;
import dev.brokersandbox.internal.engine.EmbeddedEngine;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Our side of the benchmark: one measurement per JVM, named by the first argument. Each prints
 * its figures as {@code BENCH key=value} lines; see benchmarks/README.md for what they mean.
 */
public final class OursMain {

    private static final Duration WAIT = KafkaLoad.WAIT;
    private static final int THROUGHPUT_RECORDS = 200_000;
    private static final int LATENCY_GROUPS = 20;
    /** Attach to this machine's reuse launcher (external mode against it) instead of starting brokers. */
    private static final Map<String, String> REUSE = Map.of("brokersandbox.reuse", "true");

    private OursMain() {
    }

    public static void main(String[] args) throws Exception {
        long mainMs = Report.sinceJvmStartMs();
        String mode = args.length == 0 ? "cold" : args[0];
        Report.put("main_ms", mainMs);
        switch (mode) {
            case "cold" -> cold(true, true);
            case "cold-kafka" -> cold(true, false);
            case "cold-amqp" -> cold(false, true);
            case "latency" -> latency();
            case "throughput" -> throughput();
            case "pertest" -> JUnitRun.run(List.of(PerTestFixture.class, PerTestKafkaOnlyFixture.class), Map.of());
            case "suite" -> JUnitRun.run(SuiteFixture.CLASSES, Map.of());
            case "first-test" -> JUnitRun.run(List.of(FirstTestFixture.class), Map.of());
            case "first-test-reuse" -> JUnitRun.run(List.of(FirstTestFixture.class), REUSE);
            case "pertest-reuse" -> JUnitRun.run(List.of(PerTestFixture.class), REUSE);
            case "pertest-embedded" -> JUnitRun.run(List.of(PerTestFixture.class), Map.of());
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        // The brokers' versions, from inside their runtime: the kafka-clients on this classpath may differ.
        Map<String, String> brokers = EmbeddedEngine.get().versions();
        Report.put("kafka_version", brokers.get("kafka"));
        Report.put("qpid_version", brokers.get("qpid"));
        Report.put("junit_version", org.junit.jupiter.api.Test.class.getPackage().getImplementationVersion());
        Report.put("done", 1);
        // The suites' brokers are stopped by the extension; anything left must not keep us waiting.
        System.exit(0);
    }

    /** JVM start until the brokers have carried one Kafka record and one AMQP message. */
    private static void cold(boolean kafka, boolean amqp) throws Exception {
        long t0 = System.nanoTime();
        Sandbox.Builder builder = Sandbox.builder();
        if (kafka) {
            builder.kafka(k -> k.topic("cold", 1));
        }
        if (amqp) {
            builder.amqp(a -> a.queue("cold"));
        }
        try (Sandbox sandbox = builder.start()) {
            long started = System.nanoTime();
            Report.put("started_ms", Report.sinceJvmStartMs());
            Report.put("cpu_at_started_ms", Report.cpuMs());
            Report.put("start_call_ms", Report.ms(started - t0));
            if (kafka) {
                kafkaRoundTrip(sandbox);
            }
            long kafkaDone = System.nanoTime();
            if (amqp) {
                amqpRoundTrip(sandbox);
            }
            Report.put("ready_ms", Report.sinceJvmStartMs());
            Report.put("cpu_at_ready_ms", Report.cpuMs());
            Report.put("kafka_round_trip_ms", Report.ms(kafkaDone - started));
            Report.put("amqp_round_trip_ms", Report.ms(System.nanoTime() - kafkaDone));
            Report.haltIfProfiling();
        }
    }

    private static void kafkaRoundTrip(Sandbox sandbox) throws Exception {
        try (Producer<String, String> producer = sandbox.kafka().producer();
             Consumer<String, String> consumer = sandbox.kafka().consumer("cold-start")) {
            producer.send(new ProducerRecord<>("cold", "k", "v")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            consumer.subscribe(List.of("cold"));
            KafkaLoad.pollUntil(consumer, 1);
        }
    }

    private static void amqpRoundTrip(Sandbox sandbox) throws Exception {
        try (Connection connection = sandbox.amqp().connectionFactory().newConnection("cold-start");
             Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish("", "cold", null, "hello".getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(WAIT.toMillis());
            BlockingQueue<byte[]> received = new ArrayBlockingQueue<>(1);
            channel.basicConsume("cold", true, (tag, delivery) -> received.add(delivery.getBody()), tag -> { });
            if (received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS) == null) {
                throw new IllegalStateException("no AMQP message within " + WAIT);
            }
        }
    }

    /**
     * Heap after start; then subscribe-to-first-record for the first group ever on this fresh
     * broker, and for {@value #LATENCY_GROUPS} new groups after it.
     */
    private static void latency() throws Exception {
        try (Sandbox sandbox = Sandbox.builder().kafka(k -> k.topic("latency", 1)).amqp().start()) {
            Report.put("heap_mb", Report.heapAfterGcMb());
            try (Producer<String, String> producer = sandbox.kafka().producer()) {
                producer.send(new ProducerRecord<>("latency", "k", "v")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            KafkaLoad.newGroupLatency(group -> sandbox.kafka().consumer(group), "latency", LATENCY_GROUPS);
        }
    }

    /** 200,000 records of 100 bytes, acks=all, through our client factories: produce, then consume. */
    private static void throughput() throws Exception {
        String value = "x".repeat(100);
        try (Sandbox sandbox = Sandbox.builder().kafka(k -> k.topic("throughput", 1)).amqp().start()) {
            Report.clientConfig("producer_", sandbox.kafka().producerConfig(Map.of()), ProducerConfig.configDef(),
                    "acks", "linger.ms", "batch.size");
            Report.clientConfig("consumer_", sandbox.kafka().consumerConfig("throughput", Map.of()),
                    ConsumerConfig.configDef(), "fetch.max.wait.ms", "max.poll.records", "enable.auto.commit");
            try (Producer<String, String> producer = sandbox.kafka().producer()) {
                KafkaLoad.produce(producer, "throughput", THROUGHPUT_RECORDS, value);
            }
            try (Consumer<String, String> consumer = sandbox.kafka().consumer("throughput")) {
                KafkaLoad.consume(consumer, "throughput", THROUGHPUT_RECORDS);
            }
        }
    }
}
