package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.KafkaAwait;
import dev.brokersandbox.Sandbox;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Kafka's durability: what the broker acknowledged is on disk, and a restart does not lose it. */
@BrokerSandbox(lifecycle = BrokerSandbox.Lifecycle.PER_CLASS, topics = @Topic(name = "payments", partitions = 2))
class KafkaRestartSample {

    @Test
    void acknowledgedRecordsSurviveABrokerRestartAndClientsReconnect(Sandbox sandbox, Producer<String, String> producer,
                                                                     Consumer<String, String> consumer) throws Exception {
        // Proves: records acknowledged with acks=all are still there after a restart, at the same address, for the same clients.
        String address = sandbox.kafka().bootstrapServers();
        for (int i = 1; i <= 3; i++) {
            producer.send(new ProducerRecord<>("payments", "account-" + i, "paid " + i)).get(10, TimeUnit.SECONDS);
        }

        // tag::kafka-restart[]
        sandbox.kafka().restart();

        assertThat(sandbox.kafka().bootstrapServers()).as("bootstrap address after the restart").isEqualTo(address);
        // The producer created before the restart reconnects by itself.
        producer.send(new ProducerRecord<>("payments", "account-4", "paid 4")).get(30, TimeUnit.SECONDS);
        consumer.subscribe(List.of("payments"));
        List<ConsumerRecord<String, String>> records = KafkaAwait.records(consumer, 4, Duration.ofSeconds(30));
        assertThat(records).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("paid 1", "paid 2", "paid 3", "paid 4");
        // end::kafka-restart[]
    }
}
