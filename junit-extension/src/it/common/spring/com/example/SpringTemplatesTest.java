package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.brokersandbox.KafkaAwait;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** Spring's own templates, configured from SandboxInfo as an application's properties would be (no Spring context). */
@BrokerSandbox(topics = @Topic("spring-orders"), queues = @Queue("spring-orders"))
class SpringTemplatesTest {

    @Test
    void kafkaTemplateRoundTrip(SandboxInfo info) throws Exception {
        DefaultKafkaProducerFactory<String, String> producers = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, info.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        try {
            new KafkaTemplate<>(producers).send("spring-orders", "order-1", "placed").get();
        } finally {
            producers.destroy();
        }
        DefaultKafkaConsumerFactory<String, String> consumers = new DefaultKafkaConsumerFactory<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, info.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "spring-group",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        try (Consumer<String, String> consumer = consumers.createConsumer()) {
            consumer.subscribe(List.of("spring-orders"));
            assertEquals("placed", KafkaAwait.records(consumer, 1, Duration.ofSeconds(15)).get(0).value());
        }
    }

    @Test
    void rabbitTemplateRoundTrip(SandboxInfo info) {
        CachingConnectionFactory connections = new CachingConnectionFactory(info.amqpHost(), info.amqpPort());
        connections.setUsername(info.amqpUsername());
        connections.setPassword(info.amqpPassword());
        connections.setVirtualHost(info.amqpVirtualHost());
        try {
            RabbitTemplate template = new RabbitTemplate(connections);
            template.convertAndSend("", "spring-orders", "placed");
            assertEquals("placed", template.receiveAndConvert("spring-orders", 15_000));
        } finally {
            connections.destroy();
        }
    }
}
