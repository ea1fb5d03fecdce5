package com.example.extension;

import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.json.JsonTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

/**
 * One of Boot's own test slices ({@code @JsonTest}, as {@code @DataJpaTest} would be), which turns
 * the application's auto-configuration off, with Kafka's and RabbitMQ's imported.
 */
@JsonTest
@KafkaAndRabbitAutoConfiguration
@BrokerSandbox(topics = @Topic(SliceWiring.TOPIC), queues = @Queue(SliceWiring.QUEUE))
class BootSliceTest {

    /** Found before the application's @SpringBootApplication, whose own beans the slice would bring along. */
    @Configuration(proxyBeanMethods = false)
    static class NothingElse {
    }

    @Test
    void sliceWithImportedMessagingConnectsToTheSandboxInTheContextsVirtualHost(
            SandboxInfo info, @Autowired RabbitTemplate rabbit, @Autowired KafkaAdmin admin,
            @Autowired ProducerFactory<?, ?> producers) {
        SliceWiring.assertWired(info, rabbit, admin, producers);
    }
}
