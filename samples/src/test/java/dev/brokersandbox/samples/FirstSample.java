package dev.brokersandbox.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import dev.brokersandbox.AmqpAwait;
import dev.brokersandbox.KafkaAwait;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The README's example, kept compiling and passing here. */
// tag::first-sample[]
@BrokerSandbox(topics = @Topic(name = "test-topic", partitions = 3), queues = @Queue("hello"))
class FirstSample {

    @Test
    void kafkaRoundTrip(Producer<String, String> producer, Consumer<String, String> consumer) throws Exception {
        // Proves: the injected producer and consumer reach the class's fresh test-topic.
        producer.send(new ProducerRecord<>("test-topic", "user_123", "New user activity event")).get();
        consumer.subscribe(List.of("test-topic"));
        List<ConsumerRecord<String, String>> records = KafkaAwait.records(consumer, 1, Duration.ofSeconds(10));
        assertThat(records.get(0).value()).isEqualTo("New user activity event");
    }

    @Test
    void amqpRoundTrip(Channel channel) throws Exception {
        // Proves: the injected channel reaches the class's queue hello through the default exchange.
        channel.basicPublish("", "hello", null, "Hello, RabbitMQ!".getBytes(UTF_8));
        List<Delivery> messages = AmqpAwait.messages(channel, "hello", 1, Duration.ofSeconds(10));
        assertThat(new String(messages.get(0).getBody(), UTF_8)).isEqualTo("Hello, RabbitMQ!");
    }
}
// end::first-sample[]
