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

/**
 * A topic exchange matches dot-separated routing keys against binding patterns:
 * {@code *} stands for exactly one word, {@code #} for zero or more words.
 */
// tag::topic-bindings[]
@BrokerSandbox(
        exchanges = @Exchange(name = "events", type = BuiltinExchangeType.TOPIC),
        queues = {@Queue("any-error"), @Queue("app-all"), @Queue("everything")},
        bindings = {
                @Binding(exchange = "events", queue = "any-error", routingKey = "*.error"),
                @Binding(exchange = "events", queue = "app-all", routingKey = "app.#"),
                @Binding(exchange = "events", queue = "everything", routingKey = "#")
        })
class TopicExchangeSample {
// end::topic-bindings[]

    @Test
    void starMatchesExactlyOneWordAndHashMatchesZeroOrMoreWords(Channel channel) throws Exception {
        // Proves: "*.error" takes two-word keys ending in error, "app.#" takes every key starting with app (even "app" alone), "#" takes all.
        channel.confirmSelect();
        // tag::topic-routing[]
        String[] routingKeys = {"app.error", "db.error", "app.user.login", "app", "db.query.error", "error"};
        for (String routingKey : routingKeys) {
            // Each message carries its routing key as its body, to show where it went.
            channel.basicPublish("events", routingKey, MessageProperties.TEXT_PLAIN,
                    routingKey.getBytes(StandardCharsets.UTF_8));
        }
        // Confirmed means routed: every message is in its queues by now.
        channel.waitForConfirmsOrDie(5_000);

        assertThat(Queues.drain(channel, "any-error")).as("*.error")
                .containsExactly("app.error", "db.error");
        assertThat(Queues.drain(channel, "app-all")).as("app.#")
                .containsExactly("app.error", "app.user.login", "app");
        assertThat(Queues.drain(channel, "everything")).as("#")
                .containsExactly(routingKeys);
        // end::topic-routing[]
    }
}
