package dev.brokersandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The await helpers return what arrived, or fail saying what was expected, what came, and from where. */
class AwaitTest {

    static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.builder()
                .kafka(k -> k.topic("await-topic", 1))
                .amqp(a -> a.queue("await-queue").queue("await-empty"))
                .start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void kafkaRecordsReturnsTheRecordsThatArrived() throws Exception {
        try (Producer<String, String> producer = sandbox.kafka().producer();
             Consumer<String, String> consumer = sandbox.kafka().consumer("await-1")) {
            producer.send(new ProducerRecord<>("await-topic", "k1", "one")).get();
            producer.send(new ProducerRecord<>("await-topic", "k2", "two")).get();
            consumer.subscribe(List.of("await-topic"));

            List<ConsumerRecord<String, String>> records = KafkaAwait.records(consumer, 2, Duration.ofSeconds(10));

            assertThat(records).extracting(ConsumerRecord::value).containsExactly("one", "two");
        }
    }

    @Test
    void kafkaRecordsFailsSayingWhatArrivedAndFromWhere() throws Exception {
        try (Producer<String, String> producer = sandbox.kafka().producer();
             Consumer<String, String> consumer = sandbox.kafka().consumer("await-2")) {
            producer.send(new ProducerRecord<>("await-topic", "k9", "only")).get();
            consumer.subscribe(List.of("await-topic"));

            assertThatThrownBy(() -> KafkaAwait.records(consumer, 99, Duration.ofSeconds(2)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("Expected 99 records from topics [await-topic] partitions [await-topic-0] "
                            + "within 2000 ms, but ")
                    .hasMessageContaining("k9=only");
        }
    }

    @Test
    void amqpMessagesReturnsAndAcknowledgesWhatArrived() throws Exception {
        try (Connection connection = sandbox.amqp().connectionFactory().newConnection();
             Channel channel = connection.createChannel()) {
            channel.basicPublish("", "await-queue", null, "first".getBytes(StandardCharsets.UTF_8));
            channel.basicPublish("", "await-queue", null, "second".getBytes(StandardCharsets.UTF_8));
            channel.basicPublish("", "await-queue", null, "third".getBytes(StandardCharsets.UTF_8));

            List<Delivery> messages = AmqpAwait.messages(channel, "await-queue", 2, Duration.ofSeconds(10));

            assertThat(messages).extracting(d -> new String(d.getBody(), StandardCharsets.UTF_8))
                    .containsExactly("first", "second");
            assertThat(AmqpAwait.messages(channel, "await-queue", 1, Duration.ofSeconds(10)))
                    .extracting(d -> new String(d.getBody(), StandardCharsets.UTF_8)).containsExactly("third");
        }
    }

    @Test
    void amqpMessagesFailsNamingTheQueue() throws Exception {
        try (Connection connection = sandbox.amqp().connectionFactory().newConnection();
             Channel channel = connection.createChannel()) {
            assertThatThrownBy(() -> AmqpAwait.messages(channel, "await-empty", 1, Duration.ofMillis(300)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("Expected 1 messages from queue \"await-empty\" within 300 ms, but 0 arrived: []");
        }
    }
}
