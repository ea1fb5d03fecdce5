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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * When a member leaves its group, the group rebalances: the partitions it had go to the members
 * that are left, so no partition goes unread.
 */
@BrokerSandbox(topics = @Topic(name = "shipment-updates", partitions = 4))
class RebalanceSample {

    private static final String TOPIC = "shipment-updates";
    private static final int PARTITIONS = 4;
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void whenOneOfTwoConsumersLeavesTheOtherGetsAllPartitionsAndTheirNewRecords(Producer<String, String> producer,
                                                                               SandboxInfo info) throws Exception {
        // Proves: after one of two members of group "trackers" closes, the other is assigned all 4 partitions and receives records produced afterwards to each of them.
        try (KafkaConsumer<String, String> stays = consumer(info)) {
            stays.subscribe(List.of(TOPIC));
            try (KafkaConsumer<String, String> leaves = consumer(info)) {
                leaves.subscribe(List.of(TOPIC));
                List<Set<TopicPartition>> split = Assignments.await(List.of(stays, leaves),
                        "the 4 partitions split between both members of trackers", Assignments.splitAmongAll(PARTITIONS), WAIT);
                assertThat(split.get(0)).as("partitions of the member that stays, before the other leaves").hasSizeLessThan(PARTITIONS);
            } // close() sends LeaveGroup: the group rebalances at once instead of waiting for the session to time out.

            Assignments.await(List.of(stays), "all 4 partitions assigned to the member that stayed",
                    Assignments.splitAmongAll(PARTITIONS), WAIT);

            for (int partition = 0; partition < PARTITIONS; partition++) {
                producer.send(new ProducerRecord<>(TOPIC, partition, "shipment-" + partition, "delivered"))
                        .get(10, TimeUnit.SECONDS);
            }
            List<ConsumerRecord<String, String>> records = KafkaAwait.records(stays, PARTITIONS, WAIT);
            assertThat(records).as("partitions of the records the member that stayed received")
                    .extracting(ConsumerRecord::partition).containsExactlyInAnyOrder(0, 1, 2, 3);
        }
    }

    private static KafkaConsumer<String, String> consumer(SandboxInfo info) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, info.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "trackers",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // A member learns that its group rebalances from a heartbeat's answer: 0.5 s instead of
                // the default 3 s makes the group settle faster after a member joins or leaves.
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500));
    }
}
