package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.MessageProperties;
import dev.brokersandbox.junit.Binding;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Exchange;
import dev.brokersandbox.junit.Queue;
import org.junit.jupiter.api.Test;

/** A fanout exchange copies every message to every bound queue: publish/subscribe. */
// tag::fanout-bindings[]
@BrokerSandbox(
        exchanges = @Exchange(name = "logs", type = BuiltinExchangeType.FANOUT),
        queues = {@Queue("q1"), @Queue("q2"), @Queue("q3"), @Queue("unbound")},
        bindings = {
                @Binding(exchange = "logs", queue = "q1", routingKey = ""),
                @Binding(exchange = "logs", queue = "q2", routingKey = ""),
                // A fanout ignores binding keys as well: this one changes nothing.
                @Binding(exchange = "logs", queue = "q3", routingKey = "only-errors")
        })
class FanoutExchangeSample {
// end::fanout-bindings[]

    @Test
    void everyBoundQueueGetsACopyWhateverTheRoutingKey(Channel channel) throws Exception {
        // Proves: each message published to a fanout exchange is copied to all bound queues, whatever its routing key, and to no other queue.
        channel.confirmSelect();
        channel.basicPublish("logs", "", MessageProperties.TEXT_PLAIN, "service started".getBytes(StandardCharsets.UTF_8));
        channel.basicPublish("logs", "some.key", MessageProperties.TEXT_PLAIN, "disk full".getBytes(StandardCharsets.UTF_8));
        // Confirmed means routed: every copy is in its queue by now.
        channel.waitForConfirmsOrDie(5_000);

        for (String queue : new String[] {"q1", "q2", "q3"}) {
            assertThat(Queues.drain(channel, queue)).as("messages in " + queue)
                    .containsExactly("service started", "disk full");
        }
        assertThat(Queues.drain(channel, "unbound")).as("messages in the queue bound to nothing").isEmpty();
    }
}
