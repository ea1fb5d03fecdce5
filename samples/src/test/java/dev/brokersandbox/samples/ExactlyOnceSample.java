package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.KafkaAwait;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Consume-transform-produce exactly once: the transformed records and the input offsets they came
 * from are committed in one transaction, so either both happen or neither does. A failed attempt
 * leaves nothing behind, and its retry does not write duplicates.
 */
@BrokerSandbox(topics = {
        @Topic("orders-raw"), @Topic("orders-normalised"),
        @Topic("refunds-raw"), @Topic("refunds-normalised")})
class ExactlyOnceSample {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final List<String> INPUT = List.of("order shoes", "order socks", "order hat");
    private static final List<String> OUTPUT = List.of("ORDER SHOES", "ORDER SOCKS", "ORDER HAT");

    @Test
    void transformedRecordsAndTheInputOffsetsAreCommittedTogether(Producer<String, String> producer, SandboxInfo info,
                                                                 Admin admin) throws Exception {
        // Proves: after one committed transaction, the output topic holds each input record upper-cased exactly once, and group "normaliser" has committed input offset 3, past the three input records.
        send(producer, "orders-raw");

        try (KafkaConsumer<String, String> consumer = inputConsumer(info, "normaliser");
             KafkaProducer<String, String> transactional = transactionalProducer(info, "normaliser-tx")) {
            transactional.initTransactions();
            consumer.subscribe(List.of("orders-raw"));
            List<ConsumerRecord<String, String>> batch = KafkaAwait.records(consumer, INPUT.size(), WAIT);

            transactional.beginTransaction();
            upperCase(batch, "orders-normalised", transactional, consumer);
            transactional.commitTransaction();
        }

        assertThat(readCommitted(info, "orders-normalised", OUTPUT.size())).containsExactlyElementsOf(OUTPUT);
        assertThat(committedOffset(admin, "normaliser", "orders-raw")).as("committed offset of group normaliser on orders-raw")
                .isEqualTo(INPUT.size());
    }

    @Test
    void anAbortedAttemptLeavesNoOutputNorOffsetsAndTheRetryWritesEachRecordOnce(Producer<String, String> producer,
                                                                                SandboxInfo info, Admin admin) throws Exception {
        // Proves: an attempt aborted after sending its output commits no offset, so the group's next consumer reads the same input again; after the retry commits, read_committed sees each transformed record once, though the aborted copies are still in the log.
        send(producer, "refunds-raw");

        try (KafkaProducer<String, String> transactional = transactionalProducer(info, "refund-normaliser-tx")) {
            transactional.initTransactions();
            try (KafkaConsumer<String, String> consumer = inputConsumer(info, "refund-normaliser")) {
                consumer.subscribe(List.of("refunds-raw"));
                List<ConsumerRecord<String, String>> batch = KafkaAwait.records(consumer, INPUT.size(), WAIT);
                transactional.beginTransaction();
                upperCase(batch, "refunds-normalised", transactional, consumer);
                // Flush: the output reaches the log, uncommitted. Without it, the abort could drop the
                // output while still in the producer's buffer, and the log would never hold it.
                transactional.flush();
                transactional.abortTransaction(); // as if the application failed before committing
            }
            assertThat(committedOffset(admin, "refund-normaliser", "refunds-raw"))
                    .as("committed offset of group refund-normaliser after the aborted attempt").isNull();

            try (KafkaConsumer<String, String> consumer = inputConsumer(info, "refund-normaliser")) {
                consumer.subscribe(List.of("refunds-raw"));
                List<ConsumerRecord<String, String>> batch = KafkaAwait.records(consumer, INPUT.size(), WAIT);
                assertThat(batch).as("input read by the retry").extracting(ConsumerRecord::offset).containsExactly(0L, 1L, 2L);
                transactional.beginTransaction();
                upperCase(batch, "refunds-normalised", transactional, consumer);
                transactional.commitTransaction();
            }
        }

        assertThat(readCommitted(info, "refunds-normalised", OUTPUT.size())).containsExactlyElementsOf(OUTPUT);
        assertThat(committedOffset(admin, "refund-normaliser", "refunds-raw"))
                .as("committed offset of group refund-normaliser after the retry").isEqualTo(INPUT.size());
        try (KafkaConsumer<String, String> everything = outputConsumer(info, "read_uncommitted")) {
            everything.assign(List.of(new TopicPartition("refunds-normalised", 0)));
            assertThat(KafkaAwait.records(everything, 2 * OUTPUT.size(), WAIT)).as("refunds-normalised read_uncommitted")
                    .extracting(ConsumerRecord::value).containsExactly("ORDER SHOES", "ORDER SOCKS", "ORDER HAT",
                            "ORDER SHOES", "ORDER SOCKS", "ORDER HAT");
        }
    }

    /**
     * The transform step, in the producer's open transaction: one upper-cased record per input record,
     * and, for each input partition, the offset after the last record read, as the consumer group's commit.
     */
    private static void upperCase(List<ConsumerRecord<String, String>> batch, String outputTopic,
                                  Producer<String, String> transactional, Consumer<String, String> consumer) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<String, String> record : batch) {
            transactional.send(new ProducerRecord<>(outputTopic, record.key(), record.value().toUpperCase(Locale.ROOT)));
            next.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        transactional.sendOffsetsToTransaction(next, consumer.groupMetadata());
    }

    private static void send(Producer<String, String> producer, String topic) throws Exception {
        for (String value : INPUT) {
            producer.send(new ProducerRecord<>(topic, "customer-1", value)).get(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> readCommitted(SandboxInfo info, String topic, int count) {
        try (KafkaConsumer<String, String> consumer = outputConsumer(info, "read_committed")) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            return KafkaAwait.records(consumer, count, WAIT).stream().map(ConsumerRecord::value).toList();
        }
    }

    /** The group's committed offset on partition 0 of the topic, or null; requireStable waits for transactions in flight to finish. */
    private static Long committedOffset(Admin admin, String group, String topic) throws Exception {
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group, new ListConsumerGroupOffsetsOptions().requireStable(true))
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).get(new TopicPartition(topic, 0));
        return committed == null ? null : committed.offset();
    }

    private static KafkaProducer<String, String> transactionalProducer(SandboxInfo info, String transactionalId) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, info.kafkaBootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    /** Reads input in a group, committing only through the producer's transaction, never by itself. */
    private static KafkaConsumer<String, String> inputConsumer(SandboxInfo info, String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, info.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
    }

    /** Reads output without a group, from the first record. */
    private static KafkaConsumer<String, String> outputConsumer(SandboxInfo info, String isolationLevel) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, info.kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
    }
}
