package dev.brokersandbox.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's status page as a student sees it: in a real browser (Debian's headless Chromium). */
class StatusPageBrowserTest {

    @Test
    void browserShowsTheQueueWithItsWaitingMessageAndTheTopicWithItsPartitions(@TempDir Path profile)
            throws Exception {
        Tools.require("Debian's chromium", "chromium", "chromium", "--version");
        try (LauncherProcess launcher = LauncherProcess.start("--amqp-port", "0", "--kafka-port", "0",
                "--status-port", "0", "--queue", "hello", "--topic", "orders:3")) {
            String page = number(launcher.output(), "(http://127\\.0\\.0\\.1:\\d+/)");
            ConnectionFactory factory = new ConnectionFactory();
            factory.setPort(Integer.parseInt(number(launcher.output(), "AMQP 0-9-1 \\(RabbitMQ clients\\)\\s+127\\.0\\.0\\.1:(\\d+)")));
            try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
                channel.confirmSelect();
                channel.basicPublish("", "hello", null, "waiting".getBytes(StandardCharsets.UTF_8));
                channel.waitForConfirmsOrDie(10_000);
            }

            // The flags a headless Chromium needs on a machine with no network and no display.
            Tools.Result dom = Tools.run(Map.of(), "chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + profile, "--dump-dom", page);

            assertThat(dom.exitCode()).as(dom.output()).isZero();
            assertThat(dom.output()).contains("<title>Broker Sandbox status</title>", "<pre id=\"status\">")
                    .containsPattern("\n  hello +1 +0 +no\n")
                    .containsPattern("\n  orders +3 +0 +0:0 1:0 2:0\n");
        }
    }

    private static String number(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        assertThat(m.find()).as("%s in the banner:\n%s", regex, output).isTrue();
        return m.group(1);
    }
}
