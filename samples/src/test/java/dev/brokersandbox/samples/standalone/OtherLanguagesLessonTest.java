package dev.brokersandbox.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lesson's own Python examples, and kcat, against the standalone launcher on the standard
 * ports (localhost:5672 and localhost:9092), exactly as a student runs them: the scripts in
 * samples/python are not told any port.
 */
class OtherLanguagesLessonTest {

    private static final Map<String, String> STOP_AFTER_ONE = Map.of("STOP_AFTER_ONE", "1");
    private static LauncherProcess launcher;

    @BeforeAll
    static void startTheLauncherOnTheStandardPorts() throws Exception {
        Tools.require("Debian's python3 with pika", "python3-pika", Tools.PYTHON, "-c", "import pika");
        Tools.require("Debian's python3 with confluent-kafka", "python3-confluent-kafka",
                Tools.PYTHON, "-c", "import confluent_kafka");
        Tools.require("kcat", "kcat", "kcat", "-V");
        launcher = LauncherProcess.start("--topic", "test-topic:3");
        assertThat(launcher.isAlive()).as("the launcher on the standard ports; it printed:\n%s", launcher.output())
                .isTrue();
    }

    @AfterAll
    static void stopTheLauncher() throws Exception {
        if (launcher != null) {
            launcher.close();
        }
    }

    @Test
    void pikaConsumerPrintsTheMessageThePikaProducerSentToQueueHello() throws Exception {
        // Proves: the lesson's pika producer and (corrected) consumer work unchanged against the sandbox.
        Tools.Result sent = Tools.run(Map.of(), Tools.python("rabbitmq/producer.py"));
        assertThat(sent.exitCode()).as(sent.output()).isZero();
        assertThat(sent.output()).contains(" [x] Sent 'Hello, RabbitMQ! This is a test message.'");

        Tools.Result received = Tools.run(STOP_AFTER_ONE, Tools.python("rabbitmq/consumer.py"));

        assertThat(received.exitCode()).as(received.output()).isZero();
        assertThat(received.output()).contains(" [x] Received Hello, RabbitMQ! This is a test message.");
    }

    @Test
    void confluentKafkaConsumerOfTestGroupPrintsTheUserActivityEvent() throws Exception {
        // Proves: the lesson's confluent-kafka producer (with flush) and consumer work unchanged against the sandbox.
        Tools.Result sent = Tools.run(Map.of(), Tools.python("kafka/producer.py"));
        assertThat(sent.exitCode()).as(sent.output()).isZero();
        assertThat(sent.output()).containsPattern("Message delivered to test-topic \\[[0-2]\\]");

        Tools.Result received = Tools.run(STOP_AFTER_ONE, Tools.python("kafka/consumer.py"));

        assertThat(received.exitCode()).as(received.output()).isZero();
        assertThat(received.output()).contains("Received message: New user activity event");
    }

    @Test
    void kcatConsumesWhatKcatProducedWithItsKey() throws Exception {
        // Proves: kcat, a non-Java Kafka client, produces to and consumes from the sandbox's Kafka.
        Tools.Result produced = Tools.runWithInput(Map.of(), "user_456:Login event\n",
                "kcat", "-b", "localhost:9092", "-t", "kcat-events", "-P", "-K", ":");
        assertThat(produced.exitCode()).as(produced.output()).isZero();

        Tools.Result consumed = Tools.run(Map.of(), "kcat", "-b", "localhost:9092", "-t", "kcat-events", "-C",
                "-o", "beginning", "-c", "1", "-e", "-f", "key=%k value=%s\\n");

        assertThat(consumed.exitCode()).as(consumed.output()).isZero();
        assertThat(consumed.output()).contains("key=user_456 value=Login event");
    }
}
