package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.KafkaAwait;
import dev.brokersandbox.Sandbox;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Replication: with three brokers, each partition of a replication-factor-3 topic lives on all
 * three, and min.insync.replicas=2 lets acks=all writes go on while one broker is down.
 */
// tag::replicated-topic[]
@BrokerSandbox(lifecycle = BrokerSandbox.Lifecycle.PER_CLASS, kafkaBrokers = 3,
        topics = @Topic(name = "orders", partitions = 3, replicationFactor = 3, config = "min.insync.replicas=2"))
class ReplicationSample {
// end::replicated-topic[]

    @Test
    void writesGoOnWhenOneOfThreeBrokersStops(Sandbox sandbox, Admin admin, Producer<String, String> producer,
                                               Consumer<String, String> consumer) throws Exception {
        // Proves: a replication-factor-3 topic with min ISR 2 keeps taking acks=all writes, and loses none, when a broker stops.
        assertThat(partitions(admin)).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
        producer.send(new ProducerRecord<>("orders", "order-1", "placed")).get(10, TimeUnit.SECONDS);

        // tag::stop-broker[]
        sandbox.kafka().stopBroker(2);

        for (int i = 2; i <= 4; i++) {
            producer.send(new ProducerRecord<>("orders", "order-" + i, "placed")).get(30, TimeUnit.SECONDS);
        }
        assertThat(partitions(admin)).as("in-sync replicas with broker 2 down")
                .allSatisfy(p -> assertThat(p.isr()).hasSize(2).noneMatch(node -> node.id() == 2));
        // end::stop-broker[]
        consumer.subscribe(List.of("orders"));
        assertThat(KafkaAwait.records(consumer, 4, Duration.ofSeconds(30))).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("order-1", "order-2", "order-3", "order-4");

        sandbox.kafka().startBroker(2);
    }

    private static List<TopicPartitionInfo> partitions(Admin admin) throws Exception {
        TopicDescription orders = admin.describeTopics(List.of("orders")).allTopicNames().get(10, TimeUnit.SECONDS)
                .get("orders");
        return orders.partitions();
    }
}
