package dev.brokersandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.management.ObjectName;

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

/** What {@code Sandbox.builder()} declares is there, and the factories' clients reach it. */
class SandboxTest {

    static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.builder()
                .kafka(k -> k.topic("orders", 3))
                .amqp(a -> a.queue("hello"))
                .start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void declaredTopicCarriesRecordsFromTheFactoryProducerToTheFactoryConsumer() throws Exception {
        try (Producer<String, String> producer = sandbox.kafka().producer();
             Consumer<String, String> consumer = sandbox.kafka().consumer("sandbox-test")) {
            producer.send(new ProducerRecord<>("orders", "k", "v")).get();
            consumer.subscribe(List.of("orders"));
            assertThat(KafkaAwait.records(consumer, 1, Duration.ofSeconds(10))).extracting(ConsumerRecord::value)
                    .containsExactly("v");
            assertThat(consumer.partitionsFor("orders")).hasSize(3);
        }
    }

    @Test
    void factoryClientsRegisterNoMetricMBeansUnlessAskedTo() throws Exception {
        var server = ManagementFactory.getPlatformMBeanServer();
        var quiet = new ObjectName("kafka.producer:type=producer-metrics,client-id=quiet");
        var loud = new ObjectName("kafka.producer:type=producer-metrics,client-id=loud");
        try (Producer<String, String> producer = sandbox.kafka().producer(Map.of("client.id", "quiet"));
             Producer<String, String> asked = sandbox.kafka().producer(Map.of("client.id", "loud",
                     "metric.reporters", "org.apache.kafka.common.metrics.JmxReporter"))) {
            assertThat(producer.metrics()).isNotEmpty();
            assertThat(server.isRegistered(quiet)).isFalse();
            assertThat(server.isRegistered(loud)).isTrue();
        }
    }

    @Test
    void declaredQueueInTheDefaultVirtualHostReceivesThroughTheDefaultExchange() throws Exception {
        try (Connection connection = sandbox.amqp().connectionFactory().newConnection();
             Channel channel = connection.createChannel()) {
            channel.basicPublish("", "hello", null, "hi".getBytes(StandardCharsets.UTF_8));
            List<Delivery> messages = AmqpAwait.messages(channel, "hello", 1, Duration.ofSeconds(10));
            assertThat(new String(messages.get(0).getBody(), StandardCharsets.UTF_8)).isEqualTo("hi");
        }
    }

    @Test
    void virtualHostsAreCreatedAndDeletedOnTheFly() throws Exception {
        sandbox.amqp().createVirtualHost("vh1");
        sandbox.amqp().declare("vh1", new AmqpSetup().queue("q"));
        try (Connection connection = sandbox.amqp().connectionFactory("vh1").newConnection();
             Channel channel = connection.createChannel()) {
            assertThat(channel.queueDeclarePassive("q").getMessageCount()).isZero();
        }
        sandbox.amqp().deleteVirtualHost("vh1");
        assertThatThrownBy(() -> sandbox.amqp().connectionFactory("vh1").newConnection())
                .as("connecting to a deleted virtual host").isInstanceOf(Exception.class);
    }

    @Test
    void uriNamesTheDefaultVirtualHostPercentEncoded() {
        assertThat(sandbox.amqp().uri()).isEqualTo("amqp://guest:guest@127.0.0.1:" + sandbox.amqp().port() + "/%2F");
    }
}
