package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.MessageProperties;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import org.junit.jupiter.api.Test;

/** The lesson's RabbitMQ example: one producer, one consumer, the queue {@code hello}. */
@BrokerSandbox(queues = @Queue("hello"))
class HelloQueueSample {

    private static final String QUEUE_NAME = "hello";
    private static final String MESSAGE = "Hello, RabbitMQ! This is a test message.";

    @Test
    void consumerReceivesTheMessagePublishedToHello(ConnectionFactory factory) throws Exception {
        // Proves: a message published to "hello" through the default exchange reaches a consumer of "hello", which acks it.
        try (Connection consumerConnection = factory.newConnection("consumer");
             Channel consumerChannel = consumerConnection.createChannel()) {
            Await.Inbox inbox = new Await.Inbox(QUEUE_NAME);
            boolean autoAck = false;
            consumerChannel.basicConsume(QUEUE_NAME, autoAck, inbox, consumerTag -> { });

            // The producer: the default exchange "" routes by queue name.
            try (Connection producerConnection = factory.newConnection("producer");
                 Channel producerChannel = producerConnection.createChannel()) {
                producerChannel.confirmSelect();
                producerChannel.basicPublish("", QUEUE_NAME, MessageProperties.TEXT_PLAIN,
                        MESSAGE.getBytes(StandardCharsets.UTF_8));
                producerChannel.waitForConfirmsOrDie(5_000);
            }

            Delivery delivery = inbox.next(Duration.ofSeconds(10));
            assertThat(Await.text(delivery)).isEqualTo(MESSAGE);
            assertThat(delivery.getEnvelope().getExchange()).isEmpty();
            assertThat(delivery.getEnvelope().getRoutingKey()).isEqualTo(QUEUE_NAME);
            assertThat(delivery.getEnvelope().isRedeliver()).isFalse();
            // Processed: now tell the broker it may forget the message.
            consumerChannel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
            // The broker handles a channel's frames in order: this answer comes after it took the ack.
            assertThat(consumerChannel.messageCount(QUEUE_NAME)).as("messages left in hello").isZero();
        }
    }
}
