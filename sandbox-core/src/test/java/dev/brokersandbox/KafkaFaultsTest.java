package dev.brokersandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Kafka survives what tests do to it: a restart, and a broker of a cluster going away. */
class KafkaFaultsTest {

    @Test
    void restartKeepsAcknowledgedRecordsAndTheAddressAndClientsReconnect() throws Exception {
        try (Sandbox sandbox = Sandbox.builder().kafka(k -> k.topic("restart", 2)).start();
             Producer<String, String> producer = sandbox.kafka().producer();
             Consumer<String, String> consumer = sandbox.kafka().consumer("restart-group")) {
            String address = sandbox.kafka().bootstrapServers();
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("restart", "k" + i, "before-" + i)).get(10, TimeUnit.SECONDS);
            }

            sandbox.kafka().restart();

            assertThat(sandbox.kafka().bootstrapServers()).isEqualTo(address);
            producer.send(new ProducerRecord<>("restart", "k", "after")).get(30, TimeUnit.SECONDS);
            consumer.subscribe(List.of("restart"));
            List<ConsumerRecord<String, String>> records = KafkaAwait.records(consumer, 11, Duration.ofSeconds(30));
            assertThat(records).extracting(ConsumerRecord::value).contains("before-0", "before-9", "after");
        }
    }

    @Test
    void aClusterKeepsAcceptingWritesWhenOneOfThreeBrokersStops() throws Exception {
        try (Sandbox sandbox = Sandbox.builder().kafkaBrokers(3)
                .kafka(k -> k.topic("replicated", 3, 3, Map.of("min.insync.replicas", "2")))
                .start();
             Admin admin = sandbox.kafka().admin();
             Producer<String, String> producer = sandbox.kafka().producer();
             Consumer<String, String> consumer = sandbox.kafka().consumer("replicated-group")) {
            assertThat(sandbox.kafka().bootstrapServers().split(",")).hasSize(3);
            TopicDescription topic = admin.describeTopics(List.of("replicated")).allTopicNames().get().get("replicated");
            assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            producer.send(new ProducerRecord<>("replicated", "k", "with three")).get(10, TimeUnit.SECONDS);

            sandbox.kafka().stopBroker(2);
            assertThat(sandbox.kafka().isRunning(2)).isFalse();

            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("replicated", "k" + i, "with two-" + i)).get(30, TimeUnit.SECONDS);
            }
            consumer.subscribe(List.of("replicated"));
            assertThat(KafkaAwait.records(consumer, 6, Duration.ofSeconds(30))).extracting(ConsumerRecord::value)
                    .contains("with three", "with two-0", "with two-4");

            sandbox.kafka().startBroker(2);
            assertThat(sandbox.kafka().isRunning(2)).isTrue();
        }
    }
}
