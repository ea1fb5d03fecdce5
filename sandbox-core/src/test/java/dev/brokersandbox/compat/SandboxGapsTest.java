package dev.brokersandbox.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.brokersandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the sandbox cannot give is refused out loud: a channel error (540) naming the feature and the
 * page that lists the gaps, never a silent difference and never a closed connection.
 */
class SandboxGapsTest {

    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.builder().amqp().start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static Object[][] unsupported() {
        return new Object[][] {
            {Map.of("x-queue-type", "stream"), "x-queue-type=stream"},
        };
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unsupported")
    void anUnsupportedQueueArgumentClosesOnlyTheChannelNamingItAndTheGapsPage(Map<String, Object> arguments,
                                                                              String feature) throws Exception {
        try (Connection connection = Targets.bounded(sandbox.amqp().connectionFactory()).newConnection()) {
            Channel channel = connection.createChannel();

            Amqp.Closed closed = Amqp.closedBy(channel,
                    () -> channel.queueDeclare("gaps-" + feature.hashCode(), false, true, false, arguments));

            assertThat(closed.code()).isEqualTo(540);
            assertThat(closed.connection()).isFalse();
            assertThat(closed.text()).startsWith("NOT_IMPLEMENTED - " + feature)
                    .endsWith("see docs/rabbitmq-compatibility.md");
            assertThat(connection.isOpen()).isTrue();
        }
    }
}
