package dev.brokersandbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.Map;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Sandbox.Builder#dataDirectory}: what a broker keeps is there again for the next sandbox on the directory. */
class DataDirectoryTest {

    @Test
    void durableQueueKeepsItsUnackedPersistentMessagesInOrderAcrossSandboxes(@TempDir Path data) throws Exception {
        try (Sandbox first = Sandbox.builder().amqp().dataDirectory(data).start();
             Connection connection = first.amqp().connectionFactory().newConnection();
             Channel channel = connection.createChannel()) {
            channel.queueDeclare("orders", true, false, false, null);
            channel.queueDeclare("scratch", false, false, false, null);
            channel.confirmSelect();
            for (String order : List.of("order-1", "order-2", "order-3")) {
                channel.basicPublish("", "orders", MessageProperties.PERSISTENT_TEXT_PLAIN, order.getBytes(UTF_8));
            }
            channel.basicPublish("", "scratch", MessageProperties.PERSISTENT_TEXT_PLAIN, "gone".getBytes(UTF_8));
            channel.waitForConfirmsOrDie(10_000);
            GetResponse acknowledged = channel.basicGet("orders", false);
            assertThat(new String(acknowledged.getBody(), UTF_8)).isEqualTo("order-1");
            channel.basicAck(acknowledged.getEnvelope().getDeliveryTag(), false);
            // order-2 is delivered but not acknowledged when the broker stops: it must come back.
            assertThat(new String(channel.basicGet("orders", false).getBody(), UTF_8)).isEqualTo("order-2");
            channel.basicPublish("", "orders", MessageProperties.TEXT_PLAIN, "transient".getBytes(UTF_8));
            channel.waitForConfirmsOrDie(10_000);
        }

        try (Sandbox second = Sandbox.builder().amqp().dataDirectory(data).start();
             Connection connection = second.amqp().connectionFactory().newConnection();
             Channel channel = connection.createChannel()) {
            assertThat(bodies(channel, "orders")).containsExactly("order-2", "order-3");
            assertThatThrownBy(() -> connection.createChannel().queueDeclarePassive("scratch"))
                    .as("a non-durable queue is gone after a restart, as on RabbitMQ")
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void durableExchangesAndBindingsRouteAgainAfterARestart(@TempDir Path data) throws Exception {
        try (Sandbox first = Sandbox.builder().amqp().dataDirectory(data).start();
             Connection connection = first.amqp().connectionFactory().newConnection();
             Channel channel = connection.createChannel()) {
            channel.exchangeDeclare("events", BuiltinExchangeType.DIRECT, true);
            channel.queueDeclare("audit", true, false, false, null);
            channel.queueBind("audit", "events", "login");
        }

        try (Sandbox second = Sandbox.builder().amqp().dataDirectory(data).start();
             Connection connection = second.amqp().connectionFactory().newConnection();
             Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish("events", "login", true, MessageProperties.PERSISTENT_TEXT_PLAIN, "alice".getBytes(UTF_8));
            channel.waitForConfirmsOrDie(10_000);

            assertThat(bodies(channel, "audit")).containsExactly("alice");
        }
    }

    @Test
    void aDurableQueuesDeadLetterExchangeStillWorksAfterARestart(@TempDir Path data) throws Exception {
        try (Sandbox first = Sandbox.builder().amqp().dataDirectory(data).start();
             Connection connection = first.amqp().connectionFactory().newConnection();
             Channel channel = connection.createChannel()) {
            channel.exchangeDeclare("dead-letters", BuiltinExchangeType.FANOUT, true);
            channel.queueDeclare("parked", true, false, false, null);
            channel.queueBind("parked", "dead-letters", "");
            channel.queueDeclare("jobs", true, false, false, Map.of("x-dead-letter-exchange", "dead-letters"));
        }

        try (Sandbox second = Sandbox.builder().amqp().dataDirectory(data).start();
             Connection connection = second.amqp().connectionFactory().newConnection();
             Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish("", "jobs", MessageProperties.PERSISTENT_TEXT_PLAIN, "failing job".getBytes(UTF_8));
            channel.waitForConfirmsOrDie(10_000);
            channel.basicReject(channel.basicGet("jobs", false).getEnvelope().getDeliveryTag(), false);

            assertThat(bodies(channel, "parked")).containsExactly("failing job");
        }
    }

    @Test
    void aDurableQueuesMaxLengthStillHoldsAfterARestart(@TempDir Path data) throws Exception {
        try (Sandbox first = Sandbox.builder().amqp().dataDirectory(data).start();
             Connection connection = first.amqp().connectionFactory().newConnection();
             Channel channel = connection.createChannel()) {
            channel.queueDeclare("latest", true, false, false, Map.of("x-max-length", 1));
        }

        try (Sandbox second = Sandbox.builder().amqp().dataDirectory(data).start();
             Connection connection = second.amqp().connectionFactory().newConnection();
             Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            for (String reading : List.of("reading 1", "reading 2")) {
                channel.basicPublish("", "latest", MessageProperties.PERSISTENT_TEXT_PLAIN, reading.getBytes(UTF_8));
                channel.waitForConfirmsOrDie(10_000);
            }

            assertThat(bodies(channel, "latest")).containsExactly("reading 2");
        }
    }

    @Test
    void aStreamKeepsEveryMessageAndItsOffsetsAcrossARestart(@TempDir Path data) throws Exception {
        try (Sandbox first = Sandbox.builder().amqp().dataDirectory(data).start();
             Connection connection = first.amqp().connectionFactory().newConnection();
             Channel channel = connection.createChannel()) {
            channel.queueDeclare("events", true, false, false, Map.of("x-queue-type", "stream"));
            channel.confirmSelect();
            for (String event : List.of("created", "paid")) {
                channel.basicPublish("", "events", null, event.getBytes(UTF_8)); // not even persistent
                channel.waitForConfirmsOrDie(10_000);
            }
        }

        try (Sandbox second = Sandbox.builder().amqp().dataDirectory(data).start();
             Connection connection = second.amqp().connectionFactory().newConnection();
             Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish("", "events", null, "shipped".getBytes(UTF_8));
            channel.waitForConfirmsOrDie(10_000);
            BlockingQueue<String> read = new LinkedBlockingQueue<>();
            channel.basicQos(10);
            channel.basicConsume("events", false, Map.of("x-stream-offset", "first"), (tag, delivery) -> read.add(
                    delivery.getProperties().getHeaders().get("x-stream-offset") + " " + new String(delivery.getBody(), UTF_8)),
                    tag -> { });

            List<String> events = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                events.add(read.poll(10, TimeUnit.SECONDS));
            }
            assertThat(events).containsExactly("0 created", "1 paid", "2 shipped");
        }
    }

    @Test
    void kafkaRecordsAndTopicsSurviveAndDeclaredTopicsAreNotRecreated(@TempDir Path data) throws Exception {
        try (Sandbox first = Sandbox.builder().kafka(k -> k.topic("payments", 2)).dataDirectory(data).start();
             Producer<String, String> producer = first.kafka().producer()) {
            producer.send(new ProducerRecord<>("payments", 0, "account-1", "paid 1")).get();
        }

        try (Sandbox second = Sandbox.builder().kafka(k -> k.topic("payments", 2)).dataDirectory(data).start();
             Consumer<String, String> consumer = second.kafka().consumer("readers")) {
            consumer.subscribe(List.of("payments"));
            List<ConsumerRecord<String, String>> records = KafkaAwait.records(consumer, 1, Duration.ofSeconds(20));

            assertThat(records).extracting(ConsumerRecord::value).containsExactly("paid 1");
        }
    }

    @Test
    void aSecondSandboxOnADataDirectoryInUseFailsAndTheFirstCarriesOn(@TempDir Path data) throws Exception {
        try (Sandbox first = Sandbox.builder().amqp().dataDirectory(data).start()) {
            assertThatThrownBy(() -> Sandbox.builder().amqp().dataDirectory(data).start())
                    .isInstanceOf(SandboxException.class)
                    .hasMessageContaining(data.resolve("amqp").toString());
            try (Connection connection = first.amqp().connectionFactory().newConnection()) {
                assertThat(connection.isOpen()).isTrue();
            }
        }
    }

    private static List<String> bodies(Channel channel, String queue) throws IOException {
        List<String> bodies = new ArrayList<>();
        for (GetResponse r = channel.basicGet(queue, true); r != null; r = channel.basicGet(queue, true)) {
            bodies.add(new String(r.getBody(), UTF_8));
        }
        return bodies;
    }
}
