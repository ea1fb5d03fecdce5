package dev.brokersandbox.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.assertj.core.api.SoftAssertions;

/**
 * The AMQP part of the bad-input catalogue (docs/reliability.md): each case is an input, RabbitMQ's
 * exact answer (described as {@link RawAmqp#answer()} describes it), a bound on how long the answer
 * may take, and then a round trip on a new connection that proves the broker still serves. Every
 * case of a table runs, and all that differ are reported together.
 */
final class BadInputs {

    /** A hang check, not a speed test: every answer here comes in milliseconds on both brokers. */
    static final Duration BOUND = Duration.ofSeconds(10);

    /** One bad input and the answer RabbitMQ gives it. */
    record Case(String name, Input input, String answer) {
    }

    /** Sends the bad input to {@code broker} and describes what the broker answered. */
    @FunctionalInterface
    interface Input {
        String answer(Broker broker) throws Exception;
    }

    /** What a client sends on a raw socket (nothing sent yet when it gets it). */
    @FunctionalInterface
    interface RawInput {
        void send(RawAmqp amqp, Broker broker) throws Exception;
    }

    private BadInputs() {
    }

    /** A case sent on a socket of its own; the answer is everything the broker says until it ends the socket. */
    static Case raw(String name, RawInput input, String answer) {
        return new Case(name, broker -> {
            try (RawAmqp amqp = broker.connectRawSocket()) {
                input.send(amqp, broker);
                return amqp.answer();
            }
        }, answer);
    }

    /** A case sent after a handshake that opened {@code /} and channel 1. */
    static Case opened(String name, RawInput input, String answer) {
        return raw(name, (amqp, broker) -> {
            handshake(amqp, broker);
            input.send(amqp, broker);
        }, answer);
    }

    /** A case sent by the RabbitMQ client on a channel of a connection of its own. */
    static Case onChannel(String name, Amqp.ChannelAction action, String answer) {
        return new Case(name, broker -> {
            Amqp.Closed closed = Amqp.closedBy(broker, action);
            return (closed.connection() ? "connection.close " : "channel.close ") + closed.code() + " " + closed.text();
        }, answer);
    }

    /** The whole handshake, as a client does it, with channel 1 open. */
    static void handshake(RawAmqp amqp, Broker broker) throws Exception {
        amqp.greet().login("PLAIN", broker.plainResponse());
        amqp.tuneOk(amqp.channelMax(), amqp.frameMax(), 0).openVirtualHost("/").openChannel(1);
    }

    /** Runs every case on {@code broker}: its answer, its time, then a round trip. */
    static void check(Broker broker, List<Case> cases) {
        SoftAssertions softly = new SoftAssertions();
        for (Case c : cases) {
            long started = System.nanoTime();
            String answer;
            try {
                answer = c.input().answer(broker);
            } catch (Exception | AssertionError e) {
                answer = "the case failed: " + e;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            softly.assertThat(answer).as("the answer to %s", c.name()).isEqualTo(c.answer());
            softly.assertThat(took).as("the time %s took", c.name()).isLessThan(BOUND);
            softly.assertThatCode(() -> roundTrip(broker)).as("a round trip after %s", c.name())
                    .doesNotThrowAnyException();
        }
        softly.assertAll();
    }

    /** A publish and a get on a new connection. */
    static void roundTrip(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            Amqp.publish(channel, "", queue, "still here");
            assertThat(Amqp.text(Amqp.await(channel, queue, true))).isEqualTo("still here");
        }
    }
}
