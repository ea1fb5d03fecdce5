package com.example.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * A Spring context without Boot (no auto-configuration, so no connection details): its beans read
 * the {@code spring.kafka.*} and {@code spring.rabbitmq.*} properties the sandbox provides.
 */
@SpringJUnitConfig
@BrokerSandbox(topics = @Topic("plain-spring"), queues = @Queue("plain-spring"))
class PlainSpringContextTest {

    @Configuration
    static class Clients {

        @Bean(destroyMethod = "destroy")
        CachingConnectionFactory connectionFactory(@Value("${spring.rabbitmq.host}") String host,
                                                   @Value("${spring.rabbitmq.port}") int port,
                                                   @Value("${spring.rabbitmq.username}") String username,
                                                   @Value("${spring.rabbitmq.password}") String password,
                                                   @Value("${spring.rabbitmq.virtual-host}") String virtualHost) {
            CachingConnectionFactory factory = new CachingConnectionFactory(host, port);
            factory.setUsername(username);
            factory.setPassword(password);
            factory.setVirtualHost(virtualHost);
            return factory;
        }

        @Bean
        RabbitTemplate rabbitTemplate(CachingConnectionFactory connectionFactory) {
            return new RabbitTemplate(connectionFactory);
        }

        @Bean(destroyMethod = "destroy")
        DefaultKafkaProducerFactory<String, String> producerFactory(@Value("${spring.kafka.bootstrap-servers}") String servers) {
            return new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        }

        @Bean
        KafkaTemplate<String, String> kafkaTemplate(DefaultKafkaProducerFactory<String, String> producerFactory) {
            return new KafkaTemplate<>(producerFactory);
        }
    }

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Test
    void beansBuiltFromTheSandboxPropertiesReachTheSandbox(SandboxInfo info) throws Exception {
        rabbit.convertAndSend("", "plain-spring", "hello");
        assertThat(rabbit.receiveAndConvert("plain-spring", 10_000)).isEqualTo("hello");
        assertThat(kafka.send("plain-spring", "k", "hello").get().getRecordMetadata().topic()).isEqualTo("plain-spring");
        assertThat(rabbit.getConnectionFactory().getVirtualHost()).isEqualTo(info.amqpVirtualHost());
    }
}
