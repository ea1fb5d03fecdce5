package dev.brokersandbox.bench.springours;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.spring.ListenerAwait;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

/** A record through Kafka to the application's @KafkaListener, a message through RabbitMQ to its @RabbitListener. */
public abstract class SpringSuiteBase {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    BenchApp.Received received;

    @Test
    void kafkaRecordReachesTheListener() throws Exception {
        String value = "kafka-" + UUID.randomUUID();
        kafka.send("orders", value).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        ListenerAwait.until("the @KafkaListener to receive " + value, WAIT, () -> received.contains(value));
    }

    @Test
    void amqpMessageReachesTheListener() {
        String value = "amqp-" + UUID.randomUUID();
        rabbit.convertAndSend("", "orders", value);
        ListenerAwait.until("the @RabbitListener to receive " + value, WAIT, () -> received.contains(value));
    }
}
