package dev.brokersandbox.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import com.rabbitmq.client.BuiltinExchangeType;
import dev.brokersandbox.AmqpSetup;
import dev.brokersandbox.KafkaSetup;
import dev.brokersandbox.Sandbox;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue's cases of our own API (docs/reliability.md lists them all): a value
 * {@code Sandbox.builder()}, {@link KafkaSetup} or {@link AmqpSetup} cannot take is refused where it
 * is given, before any broker starts, with a message that names the value, what is wrong and what to
 * give instead.
 */
class BuilderBadInputTest {

    /** A value given to the API, and the exception it gets: "SimpleName: message". */
    record Case(String name, ThrowingCallable input, String answer) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a negative Kafka port", () -> Sandbox.builder().kafkaPort(-1),
                        "IllegalArgumentException: kafkaPort(-1): a port is 1 to 65535, or 0 for a free one"),
                new Case("a Kafka port above 65535", () -> Sandbox.builder().kafkaPort(65_536),
                        "IllegalArgumentException: kafkaPort(65536): a port is 1 to 65535, or 0 for a free one"),
                new Case("an AMQP port above 65535", () -> Sandbox.builder().amqpPort(70_000),
                        "IllegalArgumentException: amqpPort(70000): a port is 1 to 65535, or 0 for a free one"),
                new Case("no Kafka brokers", () -> Sandbox.builder().kafkaBrokers(0),
                        "IllegalArgumentException: kafkaBrokers(0): a Kafka needs at least 1 broker; give 1 (the "
                                + "default) for one combined broker and controller, or more for a cluster"),
                new Case("a start-up timeout of zero", () -> Sandbox.builder().startupTimeout(Duration.ZERO),
                        "IllegalArgumentException: startupTimeout(PT0S): must be positive; give the brokers time to "
                                + "start, e.g. Duration.ofSeconds(60) (the default)"),
                new Case("a negative start-up timeout", () -> Sandbox.builder().startupTimeout(Duration.ofSeconds(-5)),
                        "IllegalArgumentException: startupTimeout(PT-5S): must be positive; give the brokers time to "
                                + "start, e.g. Duration.ofSeconds(60) (the default)"),
                new Case("no start-up timeout", () -> Sandbox.builder().startupTimeout(null),
                        "NullPointerException: startupTimeout(null): give a Duration, e.g. Duration.ofSeconds(60) "
                                + "(the default)"),
                new Case("a bind address that does not resolve", () -> Sandbox.builder().bindAddress("no-such-host.invalid"),
                        "IllegalArgumentException: bindAddress(no-such-host.invalid): not an address of this machine "
                                + "that can be resolved; give an IP address such as 127.0.0.1 (the default)"),
                new Case("no bind address", () -> Sandbox.builder().bindAddress(null),
                        "NullPointerException: bindAddress(null): give an address such as 127.0.0.1 (the default)"),
                new Case("no data directory", () -> Sandbox.builder().dataDirectory(null),
                        "NullPointerException: dataDirectory(null): give a directory, or leave dataDirectory(..) out "
                                + "for temp directories deleted on close"),
                new Case("an empty topic name", () -> new KafkaSetup().topic("", 1),
                        "IllegalArgumentException: topic name must not be empty (it is the Kafka topic to create)"),
                new Case("a topic name with a space and '!'", () -> new KafkaSetup().topic("bad name!", 1),
                        "IllegalArgumentException: topic \"bad name!\": not a legal Kafka topic name (use at most 249 "
                                + "characters from a-z, A-Z, 0-9, '.', '_' and '-')"),
                new Case("the topic name '..'", () -> new KafkaSetup().topic("..", 1),
                        "IllegalArgumentException: topic \"..\": not a legal Kafka topic name (use at most 249 "
                                + "characters from a-z, A-Z, 0-9, '.', '_' and '-')"),
                new Case("a topic name of 250 characters", () -> new KafkaSetup().topic("t".repeat(250), 1),
                        "IllegalArgumentException: topic \"" + "t".repeat(250) + "\": not a legal Kafka topic name "
                                + "(use at most 249 characters from a-z, A-Z, 0-9, '.', '_' and '-')"),
                new Case("a topic of 0 partitions", () -> new KafkaSetup().topic("orders", 0),
                        "IllegalArgumentException: topic \"orders\": partitions must be at least 1 (it is the number "
                                + "of Kafka partitions to create), got 0"),
                new Case("a negative replication factor", () -> new KafkaSetup().topic("orders", 1, -1, Map.of()),
                        "IllegalArgumentException: topic \"orders\": replicationFactor must be at least 1 (or 0 for "
                                + "the broker's default), got -1"),
                new Case("a topic declared twice", () -> new KafkaSetup().topic("orders", 1).topic("orders", 2),
                        "IllegalArgumentException: topic \"orders\" is declared twice: declare each topic once"),
                new Case("an empty queue name", () -> new AmqpSetup().queue(""),
                        "IllegalArgumentException: queue name must not be empty (a server-named queue cannot be "
                                + "declared up front; declare it in the test)"),
                new Case("a queue declared twice", () -> new AmqpSetup().queue("hello").queue("hello"),
                        "IllegalArgumentException: queue \"hello\" is declared twice: declare each queue once"),
                new Case("an empty exchange name", () -> new AmqpSetup().exchange("", BuiltinExchangeType.DIRECT),
                        "IllegalArgumentException: exchange name must not be empty (a server-named exchange cannot "
                                + "be declared up front; declare it in the test)"),
                new Case("an exchange name in amq.*", () -> new AmqpSetup().exchange("amq.mine", BuiltinExchangeType.TOPIC),
                        "IllegalArgumentException: exchange \"amq.mine\": names starting with 'amq.' are reserved by "
                                + "AMQP; bind to the predeclared one without declaring it, or choose another name"),
                new Case("an exchange without a type", () -> new AmqpSetup().exchange("logs", null),
                        "IllegalArgumentException: exchange \"logs\": type must be given (DIRECT, FANOUT, TOPIC or "
                                + "HEADERS)"),
                new Case("an exchange declared twice", () -> new AmqpSetup().exchange("logs", BuiltinExchangeType.FANOUT)
                        .exchange("logs", BuiltinExchangeType.DIRECT),
                        "IllegalArgumentException: exchange \"logs\" is declared twice: declare each exchange once"),
                new Case("a binding to the default exchange", () -> new AmqpSetup().queue("q").bind("", "q", "q"),
                        "IllegalArgumentException: binding of queue \"q\" to exchange \"\": the default exchange cannot "
                                + "be bound (it already routes to every queue by name); name a declared exchange"),
                new Case("a binding to an exchange not declared", () -> new AmqpSetup().queue("q").bind("logs", "q", ""),
                        "IllegalArgumentException: binding of queue \"q\" to exchange \"logs\": exchange \"logs\" is "
                                + "not declared; declare it as an exchange first"),
                new Case("a binding of a queue not declared",
                        () -> new AmqpSetup().exchange("logs", BuiltinExchangeType.FANOUT).bind("logs", "q", ""),
                        "IllegalArgumentException: binding of queue \"q\" to exchange \"logs\": queue \"q\" is not "
                                + "declared; declare it as a queue first"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aValueTheApiCannotTakeIsRefusedWhereItIsGivenNamingTheValueAndTheFix(Case bad) {
        Throwable refusal = catchThrowable(bad.input());

        assertThat(refusal).as("what %s threw", bad.name()).isNotNull();
        assertThat(refusal.getClass().getSimpleName() + ": " + refusal.getMessage()).isEqualTo(bad.answer());
    }
}
