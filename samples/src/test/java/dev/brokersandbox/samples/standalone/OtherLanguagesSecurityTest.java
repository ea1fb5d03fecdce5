package dev.brokersandbox.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --tls --kafka-sasl PLAIN}: the client settings the launcher's banner prints for pika,
 * confluent-kafka and kcat are run as printed, so a student can copy them. PLAIN, not SCRAM:
 * librdkafka before 2.6.1 (Debian's kcat and python3-confluent-kafka) fails every SCRAM login to
 * Kafka 4 (https://github.com/confluentinc/librdkafka/pull/4895); the Java client is not affected.
 */
class OtherLanguagesSecurityTest {

    private static LauncherProcess launcher;

    @BeforeAll
    static void startTheLauncherWithTlsAndSasl() throws Exception {
        Tools.require("Debian's python3 with pika", "python3-pika", Tools.PYTHON, "-c", "import pika");
        Tools.require("Debian's python3 with confluent-kafka", "python3-confluent-kafka",
                Tools.PYTHON, "-c", "import confluent_kafka");
        Tools.require("kcat", "kcat", "kcat", "-V");
        launcher = LauncherProcess.start("--tls", "--kafka-sasl", "PLAIN", "--kafka-user", "alice:alice-secret",
                "--amqp-port", "0", "--kafka-port", "0", "--status-port", "0",
                "--topic", "tls-events", "--topic", "tls-kcat", "--queue", "tls-hello");
        assertThat(launcher.isAlive()).as("the launcher with --tls and --kafka-sasl; it printed:\n%s", launcher.output()).isTrue();
    }

    @AfterAll
    static void stopTheLauncher() throws Exception {
        if (launcher != null) {
            launcher.close();
        }
    }

    @Test
    void pikaConnectsWithTheBannersSslOptions() throws Exception {
        // Proves: the banner's pika line (the CA's PEM file in an ssl context) opens a TLS connection.
        String connect = bannerLine("Python    (pika\\.BlockingConnection\\(.*\\))");
        Tools.Result result = Tools.run(Map.of(), Tools.PYTHON, "-c", String.join("\n",
                "import ssl, pika",
                "connection = " + connect,
                "channel = connection.channel()",
                "channel.basic_publish('', 'tls-hello', b'sealed')",
                "print('got', channel.basic_get('tls-hello', auto_ack=True)[2])",
                "connection.close()"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("got b'sealed'");
    }

    @Test
    void confluentKafkaProducesWithTheBannersSettings() throws Exception {
        // Proves: the banner's confluent-kafka settings (SASL_SSL, the CA file, user and password) deliver a record.
        String producer = bannerLine("Python    (confluent_kafka\\.Producer\\(.*\\))");
        Tools.Result result = Tools.run(Map.of(), Tools.PYTHON, "-c", String.join("\n",
                "import confluent_kafka",
                "producer = " + producer,
                "producer.produce('tls-events', key=b'k', value=b'from python')",
                "print('undelivered', producer.flush(30))"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("undelivered 0");
    }

    @Test
    void kcatProducesAndConsumesWithTheBannersSettings() throws Exception {
        // Proves: the banner's kcat flags (SASL_SSL, the CA file, user and password) produce and consume.
        List<String> kcat = new ArrayList<>(List.of(bannerLine("kcat      (kcat .*) -L").split(" ")));
        List<String> produce = new ArrayList<>(kcat);
        produce.addAll(List.of("-t", "tls-kcat", "-P", "-K", ":"));
        Tools.Result produced = Tools.runWithInput(Map.of(), "user_9:sealed event\n", produce.toArray(String[]::new));
        assertThat(produced.exitCode()).as(produced.output()).isZero();

        List<String> consume = new ArrayList<>(kcat);
        consume.addAll(List.of("-t", "tls-kcat", "-C", "-o", "beginning", "-c", "1", "-e", "-f", "%k=%s\\n"));
        Tools.Result consumed = Tools.run(Map.of(), consume.toArray(String[]::new));
        assertThat(consumed.exitCode()).as(consumed.output()).isZero();
        assertThat(consumed.output()).contains("user_9=sealed event");
    }

    private static String bannerLine(String regex) throws Exception {
        Matcher m = Pattern.compile(regex).matcher(launcher.output());
        assertThat(m.find()).as("the banner has a line matching %s:\n%s", regex, launcher.output()).isTrue();
        return m.group(1);
    }
}
