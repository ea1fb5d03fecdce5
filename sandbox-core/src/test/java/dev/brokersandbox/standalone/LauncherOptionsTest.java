package dev.brokersandbox.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class LauncherOptionsTest {

    @Test
    void defaultsAreTheStandardPortsOnLoopbackWithBothBrokersAndTempDirs() {
        LauncherOptions o = LauncherOptions.parse();
        assertThat(o.amqpPort).isEqualTo(5672);
        assertThat(o.kafkaPort).isEqualTo(9092);
        assertThat(o.statusPort).isEqualTo(15672);
        assertThat(o.bind).isEqualTo("127.0.0.1");
        assertThat(o.amqp).isTrue();
        assertThat(o.kafka).isTrue();
        assertThat(o.dataDir).isNull();
    }

    @Test
    void topicsAndQueuesAreRepeatableWithPartitionsAndDurability() {
        LauncherOptions o = LauncherOptions.parse("--topic", "test-topic:3", "--topic", "logs",
                "--queue", "hello", "--queue", "orders:durable", "--data-dir", "sandbox-data");
        assertThat(o.topics).containsExactly(new LauncherOptions.TopicFlag("test-topic", 3),
                new LauncherOptions.TopicFlag("logs", 1));
        assertThat(o.queues).containsExactly(new LauncherOptions.QueueFlag("hello", false),
                new LauncherOptions.QueueFlag("orders", true));
        assertThat(o.dataDir).isEqualTo(Path.of("sandbox-data").toAbsolutePath());
    }

    @Test
    void badPortNamesTheFlagAndTheRange() {
        assertThatThrownBy(() -> LauncherOptions.parse("--kafka-port", "99999"))
                .hasMessage("--kafka-port 99999: a port is a number from 1 to 65535, or 0 for a free one");
        assertThatThrownBy(() -> LauncherOptions.parse("--amqp-port", "five"))
                .hasMessage("--amqp-port five: a port is a number from 1 to 65535, or 0 for a free one");
    }

    @Test
    void missingValueUnknownFlagAndBadTopicAreNamed() {
        assertThatThrownBy(() -> LauncherOptions.parse("--data-dir"))
                .hasMessage("--data-dir needs a value (--help lists the options)");
        assertThatThrownBy(() -> LauncherOptions.parse("--topic", "--queue", "hello"))
                .hasMessage("--topic needs a value (--help lists the options)");
        assertThatThrownBy(() -> LauncherOptions.parse("--kafka"))
                .hasMessage("unknown option --kafka (--help lists the options)");
        assertThatThrownBy(() -> LauncherOptions.parse("--topic", "orders:0"))
                .hasMessage("--topic orders:0: partitions must be a number of at least 1, as in --topic orders:3");
    }

    @Test
    void contradictoryFlagsAreRefused() {
        assertThatThrownBy(() -> LauncherOptions.parse("--no-amqp", "--no-kafka"))
                .hasMessage("--no-amqp and --no-kafka together leave nothing to start: drop one of them");
        assertThatThrownBy(() -> LauncherOptions.parse("--no-kafka", "--topic", "orders"))
                .hasMessage("--topic orders needs Kafka, but --no-kafka was given");
        assertThatThrownBy(() -> LauncherOptions.parse("--no-amqp", "--queue", "hello"))
                .hasMessage("--queue hello needs the AMQP broker, but --no-amqp was given");
    }
}
