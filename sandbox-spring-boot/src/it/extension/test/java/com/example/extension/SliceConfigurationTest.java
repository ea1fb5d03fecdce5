package com.example.extension;

import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

/** {@code @SpringBootTest} on a slice-like configuration: only Kafka's and RabbitMQ's auto-configuration, not the application's. */
@SpringBootTest(classes = SliceConfigurationTest.Messaging.class)
@BrokerSandbox(topics = @Topic(SliceWiring.TOPIC), queues = @Queue(SliceWiring.QUEUE))
class SliceConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @KafkaAndRabbitAutoConfiguration
    static class Messaging {
    }

    @Test
    void sliceConfigurationConnectsToTheSandboxInTheContextsVirtualHost(
            SandboxInfo info, @Autowired RabbitTemplate rabbit, @Autowired KafkaAdmin admin,
            @Autowired ProducerFactory<?, ?> producers) {
        SliceWiring.assertWired(info, rabbit, admin, producers);
    }
}
