package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.KafkaAwait;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A consumer group's committed offset is its bookmark in each partition: the next consumer of the
 * group starts there, not at the beginning.
 */
@BrokerSandbox(topics = @Topic(name = "invoices", partitions = 1))
class CommittedOffsetSample {

    private static final String TOPIC = "invoices";
    private static final String GROUP = "invoice-printer";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    @Test
    void newConsumerInTheSameGroupContinuesAfterTheCommittedOffset(Producer<String, String> producer, SandboxInfo info)
            throws Exception {
        // Proves: after a consumer commits offset 3 and leaves, the group's next consumer reads from offset 3 on and never sees records 0 to 2 again.
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sends.add(producer.send(new ProducerRecord<>(TOPIC, "customer-" + i, "invoice-" + i)));
        }
        producer.flush();
        for (Future<RecordMetadata> send : sends) {
            send.get(10, TimeUnit.SECONDS);
        }

        // max.poll.records=3: this consumer is handed three records per poll, and processes just those.
        try (KafkaConsumer<String, String> first = consumer(info, Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 3))) {
            first.subscribe(List.of(TOPIC));
            List<ConsumerRecord<String, String>> processed = KafkaAwait.records(first, 3, Duration.ofSeconds(15));
            assertThat(processed).extracting(ConsumerRecord::value).containsExactly("invoice-0", "invoice-1", "invoice-2");
            // tag::commit-offset[]
            long next = processed.get(2).offset() + 1; // the committed offset is the next record to read
            first.commitSync(Map.of(PARTITION, new OffsetAndMetadata(next)));
            // end::commit-offset[]
        }

        try (KafkaConsumer<String, String> second = consumer(info, Map.of())) {
            // tag::resume-from-committed[]
            OffsetAndMetadata committed = second.committed(Set.of(PARTITION)).get(PARTITION);
            assertThat(committed).as("committed offset of group %s on %s", GROUP, PARTITION).isNotNull();
            assertThat(committed.offset()).as("committed offset of group %s on %s", GROUP, PARTITION).isEqualTo(3);
            second.subscribe(List.of(TOPIC));
            List<ConsumerRecord<String, String>> records = KafkaAwait.records(second, 3, Duration.ofSeconds(15));
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("invoice-3", "invoice-4", "invoice-5");
            assertThat(records.get(0).offset()).isEqualTo(3);
            // end::resume-from-committed[]
        }
    }

    private static KafkaConsumer<String, String> consumer(SandboxInfo info, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, info.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                // Offsets move only when this code commits them, so the sample shows exactly what was committed.
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        config.putAll(extra);
        return new KafkaConsumer<>(config);
    }
}
