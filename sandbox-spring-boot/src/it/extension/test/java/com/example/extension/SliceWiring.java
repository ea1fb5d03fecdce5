package com.example.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.brokersandbox.junit.SandboxInfo;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

/** What the slice tests check: Boot's auto-configured clients reach the sandbox, in the context's virtual host. */
final class SliceWiring {

    static final String TOPIC = "slice-events";
    static final String QUEUE = "slice-inbox";

    private SliceWiring() {
    }

    static void assertWired(SandboxInfo info, RabbitTemplate rabbit, KafkaAdmin admin, ProducerFactory<?, ?> producers) {
        assertThat(rabbit.getConnectionFactory().getVirtualHost()).isEqualTo(info.amqpVirtualHost()).startsWith("sandbox-spring-");
        assertThat(rabbit.getConnectionFactory().getPort()).isEqualTo(info.amqpPort());
        rabbit.convertAndSend("", QUEUE, "hello");
        assertThat(rabbit.receiveAndConvert(QUEUE, 10_000)).isEqualTo("hello");

        assertThat(producers.getConfigurationProperties().get("bootstrap.servers"))
                .isEqualTo(List.of(info.kafkaBootstrapServers().split(",")));
        assertThat(admin.describeTopics(TOPIC)).containsKey(TOPIC);
    }
}
