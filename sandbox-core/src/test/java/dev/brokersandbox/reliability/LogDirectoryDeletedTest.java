package dev.brokersandbox.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.KafkaAwait;
import dev.brokersandbox.Leftovers;
import dev.brokersandbox.Sandbox;
import dev.brokersandbox.internal.TempDirs;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's log directory deleted under a running broker: Kafka takes the directory offline and asks
 * to halt the JVM, which the sandbox refuses. The test JVM carries on, the producer gets an answer
 * within its delivery timeout, the sandbox closes within a bound and leaves nothing running, and the
 * next sandbox serves as before. Tagged {@code reliability}: it runs in that group's JVM of its own.
 */
@Reliability
class LogDirectoryDeletedTest {

    private static final Logger LOG = LoggerFactory.getLogger(LogDirectoryDeletedTest.class);
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void deletingKafkasLogDirectoryUnderARunningBrokerNeitherEndsNorHangsTheJvm(@TempDir Path data) throws Exception {
        Leftovers before = Leftovers.now();
        // A segment older than segment.ms is rolled at the next append: the new segment file cannot be
        // created in the deleted directory, which is how Kafka learns of it (appends to the open, deleted
        // segment would go on succeeding).
        Sandbox sandbox = Sandbox.builder().kafka(k -> k.topic("doomed", 1, Map.of("segment.ms", "100")))
                .dataDirectory(data).start();
        try (Producer<String, String> producer = sandbox.kafka().producer(Map.of(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000))) {
            producer.send(new ProducerRecord<>("doomed", "before")).get(BOUND.toSeconds(), TimeUnit.SECONDS);

            TempDirs.delete(data.resolve("kafka"));
            long started = System.nanoTime();
            Throwable afterDeletion = null;
            long deadline = started + BOUND.toNanos();
            for (int i = 0; afterDeletion == null && System.nanoTime() < deadline; i++) {
                try {
                    producer.send(new ProducerRecord<>("doomed", "after-" + i)).get(BOUND.toSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    afterDeletion = e.getCause();
                }
            }
            LOG.info("Producing after the log directory was deleted: {} after {} ms", afterDeletion,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            // The directory is offline: what the producer sent after its deletion expires, as Kafka says.
            // Kafka's text gives the time that had passed when it expired the record: 5000 ms or a little more.
            assertThat(afterDeletion).isInstanceOf(TimeoutException.class).hasMessageMatching("Expiring 1 record\\(s\\) "
                    + "for doomed-0:\\d+ ms has passed since batch creation\\. .*");
        }

        long closing = System.nanoTime();
        sandbox.close();
        Duration close = Duration.ofNanos(System.nanoTime() - closing);
        LOG.info("The sandbox closed in {} ms", close.toMillis());
        assertThat(close).as("time to close the sandbox whose log directory was deleted").isLessThan(BOUND);
        before.assertNothingNewRemains();

        try (Sandbox next = Sandbox.builder().kafka(k -> k.topic("fresh", 1)).start();
             Producer<String, String> producer = next.kafka().producer();
             Consumer<String, String> consumer = next.kafka().consumer("fresh")) {
            producer.send(new ProducerRecord<>("fresh", "served")).get(BOUND.toSeconds(), TimeUnit.SECONDS);
            consumer.subscribe(List.of("fresh"));
            assertThat(KafkaAwait.records(consumer, 1, BOUND)).extracting(ConsumerRecord::value)
                    .containsExactly("served");
        }
    }
}
