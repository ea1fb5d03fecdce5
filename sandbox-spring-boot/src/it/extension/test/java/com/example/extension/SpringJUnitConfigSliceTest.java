package com.example.extension;

import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** A context without {@code @SpringBootTest}: Spring's own test support with Boot's Kafka and RabbitMQ auto-configuration imported. */
@SpringJUnitConfig
@KafkaAndRabbitAutoConfiguration
@BrokerSandbox(topics = @Topic(SliceWiring.TOPIC), queues = @Queue(SliceWiring.QUEUE))
class SpringJUnitConfigSliceTest {

    @Configuration(proxyBeanMethods = false)
    static class NothingElse {
    }

    @Test
    void importedAutoConfigurationConnectsToTheSandboxInTheContextsVirtualHost(
            SandboxInfo info, @Autowired RabbitTemplate rabbit, @Autowired KafkaAdmin admin,
            @Autowired ProducerFactory<?, ?> producers) {
        SliceWiring.assertWired(info, rabbit, admin, producers);
    }
}
