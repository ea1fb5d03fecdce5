package dev.brokersandbox.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import dev.brokersandbox.KafkaSaslMechanism;
import dev.brokersandbox.KafkaUser;

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
    void tlsAndKafkaSaslWithItsUsers() {
        LauncherOptions o = LauncherOptions.parse("--tls", "--kafka-sasl", "SCRAM-SHA-512", "--kafka-user", "alice:a:b",
                "--kafka-user", "bob:secret");
        assertThat(o.tls).isTrue();
        assertThat(o.kafkaSasl).isEqualTo(KafkaSaslMechanism.SCRAM_SHA_512);
        assertThat(o.kafkaUsers).containsExactly(new KafkaUser("alice", "a:b"), new KafkaUser("bob", "secret"));
    }

    @Test
    void kafkaSaslMistakesNameTheFlagAndTheFix() {
        assertThatThrownBy(() -> LauncherOptions.parse("--kafka-sasl", "GSSAPI", "--kafka-user", "a:b"))
                .hasMessage("--kafka-sasl \"GSSAPI\" is not a SASL mechanism the sandbox's Kafka offers; use one of "
                        + "PLAIN, SCRAM-SHA-256, SCRAM-SHA-512");
        assertThatThrownBy(() -> LauncherOptions.parse("--kafka-sasl", "PLAIN"))
                .hasMessage("--kafka-sasl PLAIN needs at least one --kafka-user NAME:PASSWORD");
        assertThatThrownBy(() -> LauncherOptions.parse("--kafka-user", "alice:secret"))
                .hasMessage("--kafka-user alice needs --kafka-sasl MECH (PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512): users "
                        + "log in with a SASL mechanism");
        assertThatThrownBy(() -> LauncherOptions.parse("--kafka-sasl", "PLAIN", "--kafka-user", "alice"))
                .hasMessage("--kafka-user alice: give a name and a password, as in --kafka-user alice:alice-secret");
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

    @Test
    void reuseRunsBothBrokersOnFreePortsUnlessPortsAreGiven() {
        LauncherOptions o = LauncherOptions.parse("--reuse", "--kafka-port", "19092");

        assertThat(o.reuse).isTrue();
        assertThat(o.amqpPort).isZero();
        assertThat(o.statusPort).isZero();
        assertThat(o.kafkaPort).isEqualTo(19092);
        assertThatThrownBy(() -> LauncherOptions.parse("--reuse", "--no-amqp"))
                .hasMessage("--reuse runs both brokers as test JVMs attach to them: it takes no --no-amqp, --no-kafka, "
                        + "--data-dir, --tls, --kafka-sasl or --demo");
    }

    @Test
    void kafkaBrokersIsACountOfAtLeastOne() {
        assertThat(LauncherOptions.parse("--kafka-brokers", "3").kafkaBrokers).isEqualTo(3);
        assertThatThrownBy(() -> LauncherOptions.parse("--kafka-brokers", "0"))
                .hasMessage("--kafka-brokers 0: give the number of Kafka brokers, at least 1, as in --kafka-brokers 3");
    }
}
