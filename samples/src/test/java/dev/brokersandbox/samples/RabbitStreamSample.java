package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import dev.brokersandbox.junit.BrokerSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RabbitMQ's own answer to "read old messages again": a stream queue (RabbitMQ 3.9 and later) keeps
 * every message, and each consumer says where to start reading, much as a Kafka consumer seeks to an
 * offset.
 */
@BrokerSandbox
class RabbitStreamSample {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String STREAM = "order-events";

    @Test
    void everyReaderOfAStreamReadsFromTheOffsetItChooses(ConnectionFactory factory, Channel channel) throws Exception {
        // Proves: reading a stream takes nothing from it; a reader from "first" gets every message, with its offset,
        // and a reader from offset 2 gets the messages from there on.
        // tag::stream-declare[]
        channel.queueDeclare(STREAM, true, false, false, Map.of("x-queue-type", "stream")); // durable, always
        // end::stream-declare[]
        channel.confirmSelect();
        for (String event : new String[] {"order 1 placed", "order 1 paid", "order 1 shipped"}) {
            channel.basicPublish("", STREAM, null, event.getBytes(StandardCharsets.UTF_8));
        }
        channel.waitForConfirmsOrDie(WAIT.toMillis());

        try (Connection connection = factory.newConnection("stream readers")) {
            // tag::stream-read[]
            Channel fromStart = connection.createChannel();
            fromStart.basicQos(10); // a stream consumer must have a prefetch, and acknowledge
            Await.Inbox everything = new Await.Inbox(STREAM);
            fromStart.basicConsume(STREAM, false, Map.of("x-stream-offset", "first"), everything, tag -> { });
            for (long offset = 0; offset < 3; offset++) {
                Delivery delivery = everything.next(WAIT);
                assertThat(delivery.getProperties().getHeaders().get("x-stream-offset")).isEqualTo(offset);
                fromStart.basicAck(delivery.getEnvelope().getDeliveryTag(), false); // the message stays in the stream
            }

            Channel fromOffset2 = connection.createChannel();
            fromOffset2.basicQos(10);
            Await.Inbox fromTwo = new Await.Inbox(STREAM);
            fromOffset2.basicConsume(STREAM, false, Map.of("x-stream-offset", 2), fromTwo, tag -> { });
            assertThat(Await.text(fromTwo.next(WAIT))).isEqualTo("order 1 shipped");
            // end::stream-read[]
        }
    }

    @AfterEach
    void deleteTheStream(Channel channel) throws Exception {
        channel.queueDelete(STREAM); // a stream is durable: it would outlive the test in the shared broker
    }
}
