package com.example;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import dev.brokersandbox.AmqpAwait;
import dev.brokersandbox.KafkaAwait;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a user of this project's versions does first: a round trip on each broker, injected clients and their own. */
@BrokerSandbox(topics = {@Topic("injected"), @Topic("own")}, queues = {@Queue("injected"), @Queue("own")})
class ClientsRoundTripTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void injectedKafkaClientsRoundTrip(Producer<String, String> producer, Consumer<String, String> consumer) throws Exception {
        producer.send(new ProducerRecord<>("injected", "user_123", "injected event")).get();
        consumer.subscribe(List.of("injected"));
        List<ConsumerRecord<String, String>> records = KafkaAwait.records(consumer, 1, WAIT);
        assertEquals("injected event", records.get(0).value());
    }

    @Test
    void ownKafkaClientsRoundTrip(SandboxInfo info) throws Exception {
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, info.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>("own", "user_123", "own event")).get();
        }
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, info.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "own-group",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.subscribe(List.of("own"));
            assertEquals("own event", KafkaAwait.records(consumer, 1, WAIT).get(0).value());
        }
    }

    @Test
    void injectedChannelRoundTrip(Channel channel) throws Exception {
        channel.basicPublish("", "injected", null, "injected message".getBytes(UTF_8));
        List<Delivery> messages = AmqpAwait.messages(channel, "injected", 1, WAIT);
        assertEquals("injected message", new String(messages.get(0).getBody(), UTF_8));
    }

    @Test
    void ownAmqpClientRoundTrip(SandboxInfo info) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(info.amqpUri());
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.basicPublish("", "own", null, "own message".getBytes(UTF_8));
            List<Delivery> messages = AmqpAwait.messages(channel, "own", 1, WAIT);
            assertEquals("own message", new String(messages.get(0).getBody(), UTF_8));
        }
    }

    /**
     * The brokers log through the project's SLF4J backend, quiet by default: WARN, not INFO, for
     * their loggers. Without a backend (none in matrix.properties) SLF4J logs nothing at all.
     */
    @Test
    void brokerLoggersAreAtWarnInTheProjectsBackend(SandboxInfo info) throws Exception {
        // Both brokers started, whichever test ran first: the sandbox sets their levels at start.
        info.kafkaBootstrapServers();
        info.amqpPort();
        Properties claimed = MatrixVersionsTest.claimed();
        String factory = LoggerFactory.getILoggerFactory().getClass().getName();
        if (claimed.containsKey("logback")) {
            assertEquals("ch.qos.logback.classic.LoggerContext", factory, "the SLF4J backend");
        } else if (claimed.containsKey("log4j")) {
            assertEquals("org.apache.logging.slf4j.Log4jLoggerFactory", factory, "the SLF4J backend");
        } else {
            assertEquals("org.slf4j.helpers.NOPLoggerFactory", factory, "no SLF4J backend, so SLF4J's no-op");
            return;
        }
        for (String name : List.of("kafka", "org.apache.kafka", "org.apache.qpid", "qpid")) {
            Logger logger = LoggerFactory.getLogger(name + ".any");
            assertTrue(logger.isWarnEnabled(), name + " loggers log WARN");
            assertFalse(logger.isInfoEnabled(), name + " loggers log no INFO");
        }
    }
}
