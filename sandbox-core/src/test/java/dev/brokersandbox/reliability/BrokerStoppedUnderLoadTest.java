package dev.brokersandbox.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import dev.brokersandbox.Sandbox;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker of a three-broker Kafka stopped while a producer writes to a topic replicated to all
 * three (min.insync.replicas=2): the producer carries on without an error, and every record Kafka
 * acknowledged is read afterwards. Tagged {@code reliability}: it runs in that group's JVM.
 */
@Reliability
class BrokerStoppedUnderLoadTest {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerStoppedUnderLoadTest.class);
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final int ACKNOWLEDGED_BEFORE_AND_AFTER = 1_000;

    @Test
    void aBrokerOfThreeStoppedUnderLoadLosesNoAcknowledgedRecordAndTheProducerCarriesOn() throws Exception {
        try (Sandbox sandbox = Sandbox.builder().kafkaBrokers(3)
                .kafka(k -> k.topic("load", 3, 3, Map.of("min.insync.replicas", "2"))).start();
             Producer<String, String> producer = sandbox.kafka().producer();
             Consumer<String, String> consumer = sandbox.kafka().consumer("load-readers")) {
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicReference<Exception> failure = new AtomicReference<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread load = new Thread(() -> produce(producer, acknowledged, failure, stop), "load");
            load.start();

            await(() -> acknowledged.size() >= ACKNOWLEDGED_BEFORE_AND_AFTER, "records acknowledged before the stop");
            sandbox.kafka().stopBroker(2);
            int atStop = acknowledged.size();
            await(() -> acknowledged.size() >= atStop + ACKNOWLEDGED_BEFORE_AND_AFTER || failure.get() != null,
                    "records acknowledged after broker 2 stopped");
            stop.set(true);
            load.join(BOUND.toMillis());
            assertThat(load.isAlive()).as("the producing thread is still running").isFalse();
            assertThat(failure.get()).as("a send that failed").isNull();

            Set<String> read = ConcurrentHashMap.newKeySet();
            consumer.subscribe(List.of("load"));
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (!read.containsAll(acknowledged) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    read.add(record.value());
                }
            }
            LOG.info("{} records acknowledged ({} by the time broker 2 had stopped), {} read", acknowledged.size(), atStop,
                    read.size());
            assertThat(read).as("records read within %s s", BOUND.toSeconds()).containsAll(acknowledged);
        }
    }

    /** Sends in batches of 50, each flushed, until told to stop or a send fails. */
    private static void produce(Producer<String, String> producer, Set<String> acknowledged,
                                AtomicReference<Exception> failure, AtomicBoolean stop) {
        int sent = 0;
        while (!stop.get() && failure.get() == null) {
            for (int i = 0; i < 50; i++, sent++) {
                String value = "record-" + sent;
                producer.send(new ProducerRecord<>("load", value, value), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.add(value);
                    } else {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + BOUND.toSeconds() + " s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
