package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Consumers in one group share the work: each partition goes to exactly one member, so together
 * they read every record once, the way competing consumers share a queue. Another group still
 * reads everything.
 */
@BrokerSandbox(topics = @Topic(name = "sensor-readings", partitions = 4))
class ConsumerGroupSharingSample {

    private static final String TOPIC = "sensor-readings";
    private static final int PARTITIONS = 4;
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void twoConsumersOfOneGroupSplitThePartitionsWhileAnotherGroupReadsEverything(Producer<String, String> producer,
                                                                                 SandboxInfo info) throws Exception {
        // Proves: two consumers of group "dashboards" get disjoint partitions covering all 4, each reads only its own partitions' records, and together each record once; a consumer of group "archive" reads all of them.
        try (KafkaConsumer<String, String> first = consumer(info, "dashboards");
             KafkaConsumer<String, String> second = consumer(info, "dashboards");
             KafkaConsumer<String, String> archive = consumer(info, "archive")) {
            first.subscribe(List.of(TOPIC));
            second.subscribe(List.of(TOPIC));
            List<Set<TopicPartition>> split = Assignments.await(List.of(first, second),
                    "the 4 partitions split between both members of dashboards", Assignments.splitAmongAll(PARTITIONS), WAIT);

            // Two records per partition, sent once both members have their partitions.
            List<String> sent = new ArrayList<>();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 0; i < 2 * PARTITIONS; i++) {
                String value = "reading-" + i;
                sends.add(producer.send(new ProducerRecord<>(TOPIC, i % PARTITIONS, "sensor-" + i, value)));
                sent.add(value);
            }
            for (Future<RecordMetadata> send : sends) {
                send.get(10, TimeUnit.SECONDS);
            }

            List<ConsumerRecord<String, String>> readByFirst = KafkaAwait.records(first, 2 * split.get(0).size(), WAIT);
            List<ConsumerRecord<String, String>> readBySecond = KafkaAwait.records(second, 2 * split.get(1).size(), WAIT);
            assertThat(readByFirst).as("records read by the first member, assigned %s", split.get(0))
                    .allSatisfy(r -> assertThat(split.get(0)).contains(new TopicPartition(r.topic(), r.partition())));
            assertThat(readBySecond).as("records read by the second member, assigned %s", split.get(1))
                    .allSatisfy(r -> assertThat(split.get(1)).contains(new TopicPartition(r.topic(), r.partition())));
            List<String> readByGroup = new ArrayList<>();
            readByFirst.forEach(r -> readByGroup.add(r.value()));
            readBySecond.forEach(r -> readByGroup.add(r.value()));
            assertThat(readByGroup).as("records read by group dashboards").containsExactlyInAnyOrderElementsOf(sent);

            archive.subscribe(List.of(TOPIC));
            List<ConsumerRecord<String, String>> readByArchive = KafkaAwait.records(archive, sent.size(), WAIT);
            assertThat(readByArchive).as("records read by group archive").extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrderElementsOf(sent);
            assertThat(new HashSet<>(archive.assignment())).as("partitions of archive's only member").hasSize(PARTITIONS);
        }
    }

    private static KafkaConsumer<String, String> consumer(SandboxInfo info, String groupId) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, info.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // A member learns that its group rebalances from a heartbeat's answer: 0.5 s instead of
                // the default 3 s makes the group settle faster after a member joins or leaves.
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500));
    }
}
