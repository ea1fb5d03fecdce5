package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.KafkaAwait;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * An idempotent producer numbers its records so the broker can drop a retried duplicate; a
 * transactional producer writes records that become visible to {@code read_committed} consumers
 * all together on commit, or never, on abort.
 */
@BrokerSandbox(topics = {@Topic(name = "payments", partitions = 1), @Topic(name = "transfers", partitions = 1)})
class TransactionSample {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void idempotentProducerWritesEachRecordOnceWithSequenceNumbersTheBrokerTracks(SandboxInfo info, Admin admin)
            throws Exception {
        // Proves: an idempotent producer's five records are stored once each, in order; the broker knows the producer's id and its last sequence number (4), which is how it recognises a retried batch; idempotence refuses acks=1.
        TopicPartition partition = new TopicPartition("payments", 0);
        try (KafkaProducer<String, String> producer = producer(info, Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true))) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("payments", "card-1", "payment-" + i)).get(10, TimeUnit.SECONDS);
            }
        }

        try (KafkaConsumer<String, String> consumer = consumer(info, "read_committed")) {
            consumer.assign(List.of(partition));
            assertThat(KafkaAwait.records(consumer, 5, WAIT)).extracting(ConsumerRecord::value)
                    .containsExactly("payment-0", "payment-1", "payment-2", "payment-3", "payment-4");
        }
        List<ProducerState> producers = admin.describeProducers(List.of(partition)).partitionResult(partition)
                .get(10, TimeUnit.SECONDS).activeProducers();
        assertThat(producers).as("producers the broker tracks on %s", partition).singleElement()
                .satisfies(state -> assertThat(state.lastSequence()).as("last sequence number").isEqualTo(4));

        // Dropping duplicates needs every write confirmed by the broker: idempotence and acks=1 do not go together.
        assertThatThrownBy(() -> producer(info, Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "1")).close())
                .isInstanceOf(ConfigException.class).hasMessageContaining("acks");
    }

    @Test
    void readCommittedConsumerSeesCommittedTransactionsButNotAbortedOnes(SandboxInfo info) throws Exception {
        // Proves: of a committed, an aborted and a second committed transaction, a read_committed consumer gets the two committed ones only; a read_uncommitted consumer gets the aborted records as well.
        try (KafkaProducer<String, String> producer = producer(info, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "transfer-service"))) {
            producer.initTransactions(); // registers the transactional id with the broker, fencing older producers with the same id

            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transfers", "alice", "debit 100"));
            producer.send(new ProducerRecord<>("transfers", "bob", "credit 100"));
            producer.commitTransaction(); // flushes the sends, then commits

            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transfers", "carol", "debit 999"));
            producer.flush(); // the record is in the log now, just not committed
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transfers", "dave", "credit 5"));
            producer.commitTransaction();
        }

        TopicPartition partition = new TopicPartition("transfers", 0);
        try (KafkaConsumer<String, String> committed = consumer(info, "read_committed");
             KafkaConsumer<String, String> uncommitted = consumer(info, "read_uncommitted")) {
            committed.assign(List.of(partition));
            uncommitted.assign(List.of(partition));
            // The last transaction is read too, so the aborted one was skipped, not merely not read yet.
            assertThat(KafkaAwait.records(committed, 3, WAIT)).as("read_committed").extracting(ConsumerRecord::value)
                    .containsExactly("debit 100", "credit 100", "credit 5");
            assertThat(KafkaAwait.records(uncommitted, 4, WAIT)).as("read_uncommitted").extracting(ConsumerRecord::value)
                    .containsExactly("debit 100", "credit 100", "debit 999", "credit 5");
        }
    }

    private static KafkaProducer<String, String> producer(SandboxInfo info, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, info.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        config.putAll(extra);
        return new KafkaProducer<>(config);
    }

    /** A consumer without a group: it reads assigned partitions and commits nothing. */
    private static KafkaConsumer<String, String> consumer(SandboxInfo info, String isolationLevel) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, info.kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
    }
}
