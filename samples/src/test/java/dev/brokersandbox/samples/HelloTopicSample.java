package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The lesson's Kafka example: a producer sends a user activity event, a consumer in {@code test-group} reads it. */
@BrokerSandbox(topics = @Topic(name = "test-topic", partitions = 3))
class HelloTopicSample {

    private static final String TOPIC = "test-topic";

    @Test
    void consumerInTestGroupReceivesTheEventSentToTestTopic(Producer<String, String> producer, SandboxInfo info)
            throws Exception {
        // Proves: a record the broker acknowledged on test-topic reaches a consumer of group test-group, key and value intact.
        RecordMetadata sent = producer.send(new ProducerRecord<>(TOPIC, "user_123", "New user activity event"))
                .get(10, TimeUnit.SECONDS);

        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, info.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-group");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(TOPIC));
            List<ConsumerRecord<String, String>> records = KafkaAwait.records(consumer, 1, Duration.ofSeconds(15));

            assertThat(records).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("user_123");
                assertThat(record.value()).isEqualTo("New user activity event");
                assertThat(record.partition()).isEqualTo(sent.partition());
                assertThat(record.offset()).isEqualTo(sent.offset());
            });
        }
    }
}
