package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import dev.brokersandbox.spring.ListenerAwait;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The transactional producer: a batch with a bad line is aborted whole. Declared as
 * {@link OrderFlowTest} is, so both classes run in one cached application context.
 */
@SpringBootTest
@BrokerSandbox(topics = @Topic(name = "orders", partitions = 3))
class TransactionalOrdersTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Autowired
    OrderService orders;

    @Autowired
    OrderLedger ledger;

    @Test
    void abortedBatchIsNeverDelivered(SandboxInfo info) {
        assertThatThrownBy(() -> orders.placeAllLines(List.of("t-1,pen,1", "t-2,pen,0")))
                .isInstanceOf(IllegalArgumentException.class);
        orders.place(new Order("t-3", "pen", 1));
        ListenerAwait.until("order t-3 to be received", TIMEOUT, () -> ledger.wasReceived("t-3"));

        // A read-committed reader that has read every partition to its end saw t-3, and never t-1.
        List<String> keys = readCommittedKeys(info);
        assertThat(keys).contains("t-3").doesNotContain("t-1", "t-2");
        assertThat(ledger.wasReceived("t-1")).isFalse();
    }

    private static List<String> readCommittedKeys(SandboxInfo info) {
        Map<String, Object> config = info.kafkaClientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = reader.partitionsFor(info.kafkaTopic("orders")).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            List<String> keys = new ArrayList<>();
            ListenerAwait.until("a read-committed reader to reach the end of " + partitions, TIMEOUT, () -> {
                reader.poll(Duration.ofMillis(100)).forEach(record -> keys.add(record.key()));
                return partitions.stream().allMatch(p -> reader.position(p) >= end.get(p));
            });
            return keys;
        }
    }
}
