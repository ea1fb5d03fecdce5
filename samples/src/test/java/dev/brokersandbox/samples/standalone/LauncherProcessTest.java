package dev.brokersandbox.samples.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar broker-sandbox.jar} as a process: signals, exit codes, and data kept with --data-dir. */
class LauncherProcessTest {

    private static final String[] FREE_PORTS = {"--amqp-port", "0", "--kafka-port", "0", "--status-port", "0"};

    @Test
    void sigtermStopsTheLauncherWithExitCode0AndRemovesItsTempDirs(@TempDir Path tmp) throws Exception {
        try (LauncherProcess launcher = LauncherProcess.start(List.of("-Djava.io.tmpdir=" + tmp), FREE_PORTS)) {
            assertThat(launcher.isAlive()).as(launcher.output()).isTrue();
            try (Stream<Path> whileRunning = Files.list(tmp)) {
                assertThat(whileRunning).as("the launcher's temp dirs while it runs").isNotEmpty();
            }

            assertThat(launcher.terminate()).as(launcher.output()).isZero();

            assertThat(launcher.output()).contains("Stopping the brokers...", "Stopped. Temp dirs removed.");
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left).as("what the launcher left in its java.io.tmpdir").isEmpty();
            }
        }
    }

    @Test
    void ctrlCStopsTheLauncherWithExitCode0(@TempDir Path tmp) throws Exception {
        try (LauncherProcess launcher = LauncherProcess.start(List.of("-Djava.io.tmpdir=" + tmp), FREE_PORTS)) {
            assertThat(launcher.interrupt()).as(launcher.output()).isZero();

            assertThat(launcher.output()).contains("Stopped. Temp dirs removed.");
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left).as("what the launcher left in its java.io.tmpdir").isEmpty();
            }
        }
    }

    @Test
    void brokersLogOnlyWarningsUnlessVerbose() throws Exception {
        String[] quiet = {FREE_PORTS[0], FREE_PORTS[1], FREE_PORTS[4], FREE_PORTS[5], "--no-kafka"};
        try (LauncherProcess launcher = LauncherProcess.start(quiet)) {
            assertThat(launcher.terminate()).isZero();
            assertThat(launcher.output()).doesNotContain(" INFO org.apache.qpid");
        }
        String[] verbose = {FREE_PORTS[0], FREE_PORTS[1], FREE_PORTS[4], FREE_PORTS[5], "--no-kafka", "--verbose"};
        try (LauncherProcess launcher = LauncherProcess.start(verbose)) {
            assertThat(launcher.terminate()).isZero();
            assertThat(launcher.output()).contains(" INFO org.apache.qpid");
        }
    }

    @Test
    void aPortInUseEndsTheLauncherWithExitCode2AndOneLineNamingTheFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             LauncherProcess launcher = LauncherProcess.start("--kafka-port", String.valueOf(taken.getLocalPort()),
                     "--amqp-port", "0", "--status-port", "0")) {

            assertThat(launcher.exitCode()).isEqualTo(2);
            assertThat(launcher.output()).isEqualTo("broker-sandbox: port " + taken.getLocalPort()
                    + " on 127.0.0.1 (Kafka) is already in use; choose another with --kafka-port N, "
                    + "or --kafka-port 0 for a free one\n");
        }
    }

    @Test
    void statusFromASecondProcessShowsWhatTheLauncherHolds() throws Exception {
        try (LauncherProcess launcher = LauncherProcess.start(FREE_PORTS[0], FREE_PORTS[1], FREE_PORTS[2],
                FREE_PORTS[3], FREE_PORTS[4], FREE_PORTS[5], "--topic", "orders:2", "--queue", "hello")) {
            String statusPort = bannerNumber(launcher.output(), "http://127\\.0\\.0\\.1:(\\d+)/");

            Tools.Result status = Tools.run(java.util.Map.of(), LauncherProcess.java(), "-jar",
                    LauncherProcess.JAR.toString(), "--status", "--status-port", statusPort);

            assertThat(status.exitCode()).as(status.output()).isZero();
            assertThat(status.output()).containsPattern("\n  hello +0 +0 +no\n")
                    .containsPattern("\n  orders +2 +0 +0:0 1:0\n");
        }
    }

    @Test
    void withDataDirATopicsRecordsSurviveARestartOfTheLauncher(@TempDir Path dataDir) throws Exception {
        String[] args = {FREE_PORTS[0], FREE_PORTS[1], FREE_PORTS[2], FREE_PORTS[3], FREE_PORTS[4], FREE_PORTS[5],
                "--no-amqp", "--topic", "kept:1", "--data-dir", dataDir.toString()};
        try (LauncherProcess first = LauncherProcess.start(args)) {
            String bootstrap = "127.0.0.1:" + bannerNumber(first.output(), "Kafka\\s+127\\.0\\.0\\.1:(\\d+)");
            Tools.require("kcat", "kcat", "kcat", "-V");
            Tools.Result produced = Tools.runWithInput(java.util.Map.of(), "order-1\n", "kcat", "-b", bootstrap, "-t", "kept", "-P");
            assertThat(produced.exitCode()).as(produced.output()).isZero();
            assertThat(first.terminate()).isZero();
            assertThat(first.output()).contains("Stopped. Data kept in " + dataDir);
        }
        assertThat(Files.isDirectory(dataDir.resolve("kafka"))).isTrue();

        try (LauncherProcess second = LauncherProcess.start(args)) {
            String bootstrap = "127.0.0.1:" + bannerNumber(second.output(), "Kafka\\s+127\\.0\\.0\\.1:(\\d+)");
            Tools.Result consumed = Tools.run(java.util.Map.of(), "kcat", "-b", bootstrap, "-t", "kept", "-C",
                    "-o", "beginning", "-c", "1", "-e");

            assertThat(consumed.output()).contains("order-1");
            assertThat(second.output()).doesNotContain("ERROR");
        }
    }

    @Test
    void withDataDirADurableQueueKeepsItsPersistentMessagesAcrossARestartOfTheLauncher(@TempDir Path dataDir)
            throws Exception {
        String[] args = {FREE_PORTS[0], FREE_PORTS[1], FREE_PORTS[2], FREE_PORTS[3], FREE_PORTS[4], FREE_PORTS[5],
                "--no-kafka", "--queue", "tasks:durable", "--data-dir", dataDir.toString()};
        try (LauncherProcess first = LauncherProcess.start(args)) {
            try (Connection connection = amqp(first).newConnection(); Channel channel = connection.createChannel()) {
                channel.confirmSelect();
                channel.basicPublish("", "tasks", MessageProperties.PERSISTENT_TEXT_PLAIN, "task 1".getBytes(UTF_8));
                channel.basicPublish("", "tasks", MessageProperties.PERSISTENT_TEXT_PLAIN, "task 2".getBytes(UTF_8));
                channel.waitForConfirmsOrDie(10_000);
            }
            assertThat(first.terminate()).isZero();
        }

        try (LauncherProcess second = LauncherProcess.start(args);
             Connection connection = amqp(second).newConnection();
             Channel channel = connection.createChannel()) {
            assertThat(body(channel.basicGet("tasks", true))).isEqualTo("task 1");
            assertThat(body(channel.basicGet("tasks", true))).isEqualTo("task 2");
            assertThat(channel.basicGet("tasks", true)).isNull();
        }
    }

    private static ConnectionFactory amqp(LauncherProcess launcher) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(Integer.parseInt(bannerNumber(launcher.output(),
                "AMQP 0-9-1 \\(RabbitMQ clients\\)\\s+127\\.0\\.0\\.1:(\\d+)")));
        return factory;
    }

    private static String body(GetResponse response) {
        assertThat(response).as("a message").isNotNull();
        return new String(response.getBody(), UTF_8);
    }

    private static String bannerNumber(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        assertThat(m.find()).as("%s in the banner:\n%s", regex, output).isTrue();
        return m.group(1);
    }
}
