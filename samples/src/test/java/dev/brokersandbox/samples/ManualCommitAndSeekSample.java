package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.KafkaAwait;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A consumer's position (the next record poll returns) and its group's committed offset (where the
 * group's next consumer starts) are two different numbers: with auto-commit off, only commitSync
 * moves the committed offset, and seek moves the position, backwards too, to read records again.
 */
@BrokerSandbox(topics = @Topic(name = "ledger-entries", partitions = 1))
class ManualCommitAndSeekSample {

    private static final String TOPIC = "ledger-entries";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final Duration WAIT = Duration.ofSeconds(15);

    /** Five records at offsets 0 to 4, written once for the class; the tests only read them. */
    @BeforeAll
    static void writeFiveEntries(Producer<String, String> producer) throws Exception {
        for (int i = 0; i < 5; i++) {
            producer.send(new ProducerRecord<>(TOPIC, "account-7", "entry-" + i)).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void onlyCommitSyncMovesTheCommittedOffsetAndTheNextConsumerStartsThere(SandboxInfo info) {
        // Proves: with enable.auto.commit=false, reading five records commits nothing; commitSync stores exactly the offset given (2), not the position reached (5), and the group's next consumer re-reads from offset 2.
        try (KafkaConsumer<String, String> first = consumer(info)) {
            first.subscribe(List.of(TOPIC));
            KafkaAwait.records(first, 5, WAIT);
            assertThat(first.position(PARTITION)).as("position after reading five records").isEqualTo(5);
            assertThat(first.committed(Set.of(PARTITION)).get(PARTITION)).as("committed offset before any commit").isNull();

            // Only entries 0 and 1 were processed before, say, the process was asked to stop:
            // commit the offset of the next record to process, 2.
            first.commitSync(Map.of(PARTITION, new OffsetAndMetadata(2)));
            assertThat(first.committed(Set.of(PARTITION)).get(PARTITION).offset()).as("committed offset").isEqualTo(2);
        } // With auto-commit off, close() commits nothing either.

        try (KafkaConsumer<String, String> next = consumer(info)) {
            next.subscribe(List.of(TOPIC));
            List<ConsumerRecord<String, String>> records = KafkaAwait.records(next, 3, WAIT);
            assertThat(records).extracting(ConsumerRecord::offset).containsExactly(2L, 3L, 4L);
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("entry-2", "entry-3", "entry-4");
        }
    }

    @Test
    void seekMovesThePositionBackSoRecordsAreReadAgain(Consumer<String, String> consumer) {
        // Proves: after reading offsets 0 to 4, seek(partition, 3) makes the next polls return offsets 3 and 4 again.
        consumer.assign(List.of(PARTITION)); // seek needs partitions assigned: assign them directly, no group rebalance
        KafkaAwait.records(consumer, 5, WAIT);

        consumer.seek(PARTITION, 3);

        assertThat(consumer.position(PARTITION)).as("position after seek").isEqualTo(3);
        List<ConsumerRecord<String, String>> again = KafkaAwait.records(consumer, 2, WAIT);
        assertThat(again).extracting(ConsumerRecord::value).containsExactly("entry-3", "entry-4");
    }

    @Test
    void seekToBeginningReadsThePartitionAgainFromItsFirstRecord(Consumer<String, String> consumer) {
        // Proves: after reading offsets 0 to 4, seekToBeginning makes the next polls return all five records again, in order.
        consumer.assign(List.of(PARTITION));
        KafkaAwait.records(consumer, 5, WAIT);

        consumer.seekToBeginning(List.of(PARTITION));

        List<ConsumerRecord<String, String>> again = KafkaAwait.records(consumer, 5, WAIT);
        assertThat(again).extracting(ConsumerRecord::value)
                .containsExactly("entry-0", "entry-1", "entry-2", "entry-3", "entry-4");
    }

    private static KafkaConsumer<String, String> consumer(SandboxInfo info) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, info.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "ledger-auditors",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
    }
}
