package dev.brokersandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A closed sandbox stays closed: its brokers and client factories refuse at once and say why. */
class ClosedSandboxTest {

    @Test
    void aClosedSandboxsBrokersRefuseEveryOperationAtOnceAndStartNothingAgain(@TempDir Path data) {
        Sandbox sandbox = Sandbox.builder().dataDirectory(data).start();
        KafkaBroker kafka = sandbox.kafka();
        AmqpBroker amqp = sandbox.amqp();
        sandbox.close();
        long kafkaThreadsAfterClose = kafkaThreads();

        List<ThrowingCallable> kafkaOperations = List.of(kafka::restart, () -> kafka.stopBroker(1),
                () -> kafka.startBroker(1), kafka::producer, () -> kafka.consumer("group"), kafka::admin,
                () -> kafka.createMissingTopics(new KafkaSetup().topic("t", 1)));
        for (ThrowingCallable operation : kafkaOperations) {
            assertThatThrownBy(operation).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Kafka broker at " + kafka.bootstrapServers() + " is closed");
        }
        for (ThrowingCallable operation : List.<ThrowingCallable>of(amqp::connectionFactory,
                () -> amqp.createVirtualHost("v"), () -> amqp.overview("/"),
                () -> amqp.setPolicy("/", AmqpPolicy.of("p", ".*", Map.of("max-length", 1))), () -> amqp.policies("/"))) {
            assertThatThrownBy(operation).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("AMQP broker on " + amqp.host() + " is closed");
        }

        assertThat(kafka.isRunning(1)).isFalse();
        kafka.deleteTopics(List.of("t")); // clean-up after close is quietly nothing
        amqp.deleteVirtualHost("v");
        assertThat(kafkaThreads()).as("Kafka threads started by an operation after close")
                .isLessThanOrEqualTo(kafkaThreadsAfterClose);
    }

    /** Threads a running Kafka broker has (its purgatories' reapers), in this JVM. */
    private static long kafkaThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().contains("ExpirationReaper")).count();
    }
}
