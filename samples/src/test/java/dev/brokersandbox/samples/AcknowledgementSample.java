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

/**
 * What acknowledgements buy: with auto-ack the broker forgets a message as soon as it sends it;
 * with manual ack it keeps the message until the consumer says it is done, and gives it to
 * another consumer if the first one dies first.
 */
@BrokerSandbox(queues = {@Queue("tasks-auto-ack"), @Queue("tasks-manual-ack")})
class AcknowledgementSample {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void autoAckedMessageIsLostWhenTheConsumerDiesBeforeProcessingIt(ConnectionFactory factory, Channel channel)
            throws Exception {
        // Proves: with auto-ack, a message delivered to a consumer whose connection closes before it processes it is gone from the queue.
        publishConfirmed(channel, "tasks-auto-ack", "resize image 42");

        // tag::auto-ack[]
        try (Connection doomed = factory.newConnection("auto-ack consumer")) {
            Channel consumerChannel = doomed.createChannel();
            Await.Inbox inbox = new Await.Inbox("tasks-auto-ack");
            boolean autoAck = true;
            consumerChannel.basicConsume("tasks-auto-ack", autoAck, inbox, consumerTag -> { });
            assertThat(Await.text(inbox.next(WAIT))).isEqualTo("resize image 42");
            // The consumer dies here, before it processes the message: closing the connection stands for the crash.
        }

        assertThat(channel.messageCount("tasks-auto-ack")).as("messages left in tasks-auto-ack").isZero();
        assertThat(channel.basicGet("tasks-auto-ack", true)).as("basic.get on tasks-auto-ack").isNull();
        // end::auto-ack[]
    }

    @Test
    void unackedMessageIsRedeliveredToTheNextConsumerWhenTheConsumerDies(ConnectionFactory factory, Channel channel)
            throws Exception {
        // Proves: with manual ack, a message delivered but not acked when its consumer dies goes to the next consumer, flagged redelivered.
        publishConfirmed(channel, "tasks-manual-ack", "resize image 43");
        boolean autoAck = false;

        try (Connection doomed = factory.newConnection("first consumer")) {
            Channel first = doomed.createChannel();
            first.basicQos(1); // at most one unacked message in flight to this consumer
            Await.Inbox inbox = new Await.Inbox("tasks-manual-ack");
            first.basicConsume("tasks-manual-ack", autoAck, inbox, consumerTag -> { });
            Delivery delivery = inbox.next(WAIT);
            assertThat(Await.text(delivery)).isEqualTo("resize image 43");
            assertThat(delivery.getEnvelope().isRedeliver()).as("redelivered flag of the first delivery").isFalse();
            // The consumer dies before its basicAck: the broker puts the message back in the queue.
        }

        try (Connection connection = factory.newConnection("second consumer");
             Channel second = connection.createChannel()) {
            second.basicQos(1);
            Await.Inbox inbox = new Await.Inbox("tasks-manual-ack");
            // tag::manual-ack-redelivery[]
            second.basicConsume("tasks-manual-ack", autoAck, inbox, consumerTag -> { });
            Delivery delivery = inbox.next(WAIT);
            assertThat(Await.text(delivery)).isEqualTo("resize image 43");
            assertThat(delivery.getEnvelope().isRedeliver()).as("redelivered flag of the second delivery").isTrue();

            second.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
            // end::manual-ack-redelivery[]
            // The broker handles a channel's frames in order: this answer comes after it took the ack.
            assertThat(second.messageCount("tasks-manual-ack")).as("messages left after the ack").isZero();
        }
    }

    private static void publishConfirmed(Channel channel, String queue, String body) throws Exception {
        channel.confirmSelect();
        channel.basicPublish("", queue, MessageProperties.TEXT_PLAIN, body.getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(5_000);
    }
}
