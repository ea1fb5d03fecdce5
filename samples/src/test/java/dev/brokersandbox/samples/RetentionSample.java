package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.KafkaAwait;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Retention: Kafka deletes records by age (the topic's {@code retention.ms}, 7 days by default),
 * not because a consumer read them. The sandbox checks retention every second instead of every
 * 5 minutes, so the deletion shows within a test.
 */
// tag::retention-topic[]
@BrokerSandbox(topics = @Topic(name = "sessions", partitions = 1, config = "retention.ms=60000"))
// end::retention-topic[]
class RetentionSample {

    private static final TopicPartition PARTITION = new TopicPartition("sessions", 0);
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void recordOlderThanRetentionIsDeletedUnreadAndTheLogStartsAfterIt(Producer<String, String> producer,
                                                                       Consumer<String, String> consumer) throws Exception {
        // Proves: a record timestamped two minutes ago on a topic with retention.ms=60000 is deleted by the broker, though no one read it; the log then starts at offset 1, and a record written now is kept.
        // tag::retention-old-record[]
        long twoMinutesAgo = Instant.now().minus(Duration.ofMinutes(2)).toEpochMilli();
        producer.send(new ProducerRecord<>("sessions", null, twoMinutesAgo, "session-1", "expired"))
                .get(10, TimeUnit.SECONDS);
        // end::retention-old-record[]

        consumer.assign(List.of(PARTITION));
        consumer.seekToEnd(List.of(PARTITION)); // the waits below read nothing: the record stays unread
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (consumer.beginningOffsets(List.of(PARTITION)).get(PARTITION) == 0) {
            if (System.nanoTime() - deadline > 0) {
                fail("expected the record timestamped two minutes ago to be deleted from %s within %d s "
                        + "(retention.ms=60000), but the log still starts at offset 0", PARTITION, WAIT.toSeconds());
            }
            consumer.poll(Duration.ofMillis(100)); // the bounded wait between two checks
        }

        producer.send(new ProducerRecord<>("sessions", "session-2", "active")).get(10, TimeUnit.SECONDS);
        consumer.seekToBeginning(List.of(PARTITION));
        List<ConsumerRecord<String, String>> left = KafkaAwait.records(consumer, 1, WAIT);
        assertThat(left).as("records in %s from its beginning", PARTITION).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo("active");
            assertThat(r.offset()).as("offset (deletion never renumbers)").isEqualTo(1);
        });
    }
}
