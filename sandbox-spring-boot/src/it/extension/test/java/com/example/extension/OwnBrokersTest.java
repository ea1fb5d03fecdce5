package com.example.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.brokersandbox.Sandbox;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import dev.brokersandbox.junit.Topic;
import dev.brokersandbox.spring.ListenerAwait;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;

/**
 * {@code lifecycle = PER_CLASS}: the application context gets brokers of its own (stopped when it
 * closes, here after the class), and the class gets them injected as {@code Sandbox}.
 */
@SpringBootTest(properties = "extension.group=own-brokers")
@BrokerSandbox(topics = @Topic(ExtensionApp.TOPIC), queues = @Queue(ExtensionApp.QUEUE), lifecycle = BrokerSandbox.Lifecycle.PER_CLASS)
@DirtiesContext
class OwnBrokersTest {

    @Autowired
    ExtensionApp.Received received;

    @Test
    void contextRunsOnTheBrokersInjectedAsSandbox(Sandbox sandbox, Producer<String, String> producer,
                                                  @Autowired Environment environment) throws Exception {
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo(sandbox.kafka().bootstrapServers());
        assertThat(environment.getProperty("spring.rabbitmq.port", Integer.class)).isEqualTo(sandbox.amqp().port());

        producer.send(new ProducerRecord<>(ExtensionApp.TOPIC, "k", "own")).get();
        ListenerAwait.until("the @KafkaListener to receive the record", Duration.ofSeconds(20), () -> received.contains("kafka:own"));
    }
}
