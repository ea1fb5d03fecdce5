package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.MessageProperties;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import org.junit.jupiter.api.Test;

/**
 * The three things a message needs to survive: a durable queue, a persistent message (delivery
 * mode 2) and a publisher confirm. The sandbox's AMQP broker keeps its store in memory, so this
 * sample checks what the client can see of them; it does not restart the broker.
 */
// tag::durable-queue[]
@BrokerSandbox(queues = @Queue(name = "durable-tasks", durable = true))
// end::durable-queue[]
class PersistenceSample {

    private static final String QUEUE = "durable-tasks";

    @Test
    void confirmedPersistentMessageStaysInTheDurableQueueAfterThePublisherLeaves(ConnectionFactory factory)
            throws Exception {
        // Proves: the broker confirms a persistent message, the durable queue keeps it after the publisher's connection is gone, and delivery mode 2 is kept (no broker restart: the store is in memory).
        try (Connection publisherConnection = factory.newConnection("publisher");
             Channel publisher = publisherConnection.createChannel()) {
            // tag::persistent-publish[]
            publisher.confirmSelect();
            publisher.basicPublish("", QUEUE, MessageProperties.PERSISTENT_TEXT_PLAIN,
                    "charge order 7".getBytes(StandardCharsets.UTF_8));
            // Throws if the broker nacks the message or does not confirm it within 5 s.
            publisher.waitForConfirmsOrDie(5_000);
            // end::persistent-publish[]
        }

        try (Connection consumerConnection = factory.newConnection("consumer");
             Channel consumer = consumerConnection.createChannel()) {
            AMQP.Queue.DeclareOk declared = consumer.queueDeclarePassive(QUEUE);
            assertThat(declared.getMessageCount()).as("messages in %s after the publisher left", QUEUE).isEqualTo(1);

            Await.Inbox inbox = new Await.Inbox(QUEUE);
            consumer.basicConsume(QUEUE, false, inbox, consumerTag -> { });
            Delivery delivery = inbox.next(Duration.ofSeconds(10));
            assertThat(Await.text(delivery)).isEqualTo("charge order 7");
            assertThat(delivery.getProperties().getDeliveryMode()).as("delivery mode (2 = persistent)").isEqualTo(2);
            consumer.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
        }
    }
}
