package com.example.extension;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.rabbitmq.client.Channel;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import dev.brokersandbox.spring.ListenerAwait;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/** The clients the extension injects into a Spring test use the application context's brokers, virtual host and topics. */
@SpringBootTest
@BrokerSandbox(topics = @Topic(ExtensionApp.TOPIC), queues = @Queue(ExtensionApp.QUEUE))
class InjectedClientsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Autowired
    ExtensionApp.Received received;

    @Test
    void recordFromTheInjectedProducerReachesTheKafkaListener(Producer<String, String> producer) throws Exception {
        producer.send(new ProducerRecord<>(ExtensionApp.TOPIC, "k", "from-producer")).get();

        ListenerAwait.until("the @KafkaListener to receive the record", TIMEOUT, () -> received.contains("kafka:from-producer"));
    }

    @Test
    void messageFromTheInjectedChannelReachesTheRabbitListener(Channel channel) throws Exception {
        channel.basicPublish("", ExtensionApp.QUEUE, null, "from-channel".getBytes(UTF_8));

        ListenerAwait.until("the @RabbitListener to receive the message", TIMEOUT, () -> received.contains("amqp:from-channel"));
    }

    @Test
    void sandboxInfoNamesWhatTheApplicationUses(SandboxInfo info, @Autowired Environment environment) {
        assertThat(info.amqpVirtualHost()).isEqualTo(environment.getProperty("spring.rabbitmq.virtual-host"))
                .startsWith("sandbox-spring-");
        assertThat(info.kafkaBootstrapServers()).isEqualTo(environment.getProperty("spring.kafka.bootstrap-servers"));
        assertThat(info.amqpPort()).isEqualTo(environment.getProperty("spring.rabbitmq.port", Integer.class));
    }
}
