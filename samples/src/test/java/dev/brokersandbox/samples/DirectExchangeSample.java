package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.Return;
import dev.brokersandbox.junit.Binding;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Exchange;
import dev.brokersandbox.junit.Queue;
import org.junit.jupiter.api.Test;

/** A direct exchange routes a message to the queues bound with exactly its routing key. */
// tag::direct-bindings[]
@BrokerSandbox(
        exchanges = @Exchange(name = "direct_logs", type = BuiltinExchangeType.DIRECT),
        queues = {@Queue("errors"), @Queue("infos"), @Queue("audit")},
        bindings = {
                @Binding(exchange = "direct_logs", queue = "errors", routingKey = "error"),
                @Binding(exchange = "direct_logs", queue = "infos", routingKey = "info"),
                // One queue may be bound several times, with several keys.
                @Binding(exchange = "direct_logs", queue = "audit", routingKey = "error"),
                @Binding(exchange = "direct_logs", queue = "audit", routingKey = "warning")
        })
class DirectExchangeSample {
// end::direct-bindings[]

    private static final String EXCHANGE = "direct_logs";

    @Test
    void messageGoesOnlyToTheQueuesBoundWithItsRoutingKey(Channel channel) throws Exception {
        // Proves: each message lands in exactly the queues bound with its routing key, and nowhere else.
        channel.confirmSelect();
        // tag::direct-routing[]
        publish(channel, "error", "disk full");
        publish(channel, "info", "user logged in");
        publish(channel, "warning", "disk 90% full");
        // Confirmed means routed: every message is in its queues by now.
        channel.waitForConfirmsOrDie(5_000);

        assertThat(Queues.drain(channel, "errors")).containsExactly("disk full");
        assertThat(Queues.drain(channel, "infos")).containsExactly("user logged in");
        assertThat(Queues.drain(channel, "audit")).containsExactly("disk full", "disk 90% full");
        // end::direct-routing[]
    }

    @Test
    void mandatoryMessageWithAnUnboundRoutingKeyComesBackToThePublisher(Channel channel) throws Exception {
        // Proves: no queue is bound with "debug", so the exchange cannot route the message and returns it, as mandatory asks.
        BlockingQueue<Return> returned = new LinkedBlockingQueue<>();
        channel.addReturnListener(returned::add);

        boolean mandatory = true;
        channel.basicPublish(EXCHANGE, "debug", mandatory, MessageProperties.TEXT_PLAIN,
                "cache miss".getBytes(StandardCharsets.UTF_8));

        Return back = returned.poll(10, TimeUnit.SECONDS);
        assertThat(back).as("basic.return of the message published with routing key \"debug\" within 10 s").isNotNull();
        assertThat(back.getReplyCode()).as("reply code").isEqualTo(AMQP.NO_ROUTE);
        assertThat(back.getRoutingKey()).isEqualTo("debug");
        assertThat(new String(back.getBody(), StandardCharsets.UTF_8)).isEqualTo("cache miss");
        assertThat(Queues.drain(channel, "errors")).isEmpty();
        assertThat(Queues.drain(channel, "infos")).isEmpty();
        assertThat(Queues.drain(channel, "audit")).isEmpty();
    }

    private static void publish(Channel channel, String routingKey, String body) throws Exception {
        channel.basicPublish(EXCHANGE, routingKey, MessageProperties.TEXT_PLAIN, body.getBytes(StandardCharsets.UTF_8));
    }
}
