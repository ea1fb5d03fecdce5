package dev.brokersandbox.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * RabbitMQ's own management client, {@code rabbitmqadmin} (Debian's rabbitmq-server ships it), works
 * against the launcher's management API on its status port, as against RabbitMQ's on 15672.
 */
class RabbitmqadminTest {

    @Test
    void rabbitmqadminDeclaresPublishesListsAndGetsThroughTheLaunchersManagementApi() throws Exception {
        Tools.require("rabbitmqadmin", "rabbitmq-server", "rabbitmqadmin", "--version");
        try (LauncherProcess launcher = LauncherProcess.start("--no-kafka", "--amqp-port", "0", "--status-port", "0",
                "--queue", "hello")) {
            Matcher port = Pattern.compile("RabbitMQ management API +http://127\\.0\\.0\\.1:(\\d+)/api/")
                    .matcher(launcher.output());
            assertThat(port.find()).as("the management API's line in the banner:\n%s", launcher.output()).isTrue();
            String p = port.group(1);

            assertThat(Tools.run(Map.of(), "rabbitmqadmin", "-P", p, "declare", "queue", "name=orders", "durable=true")
                    .output()).contains("queue declared");
            assertThat(Tools.run(Map.of(), "rabbitmqadmin", "-P", p, "publish", "routing_key=orders", "payload=hi")
                    .output()).contains("Message published");
            Tools.Result queues = Tools.run(Map.of(), "rabbitmqadmin", "-P", p, "-f", "tsv", "list", "queues",
                    "name", "messages", "durable");
            Tools.Result got = Tools.run(Map.of(), "rabbitmqadmin", "-P", p, "-f", "tsv", "get", "queue=orders",
                    "ackmode=ack_requeue_false");

            assertThat(queues.output()).contains("hello\t0\tFalse", "orders\t1\tTrue");
            assertThat(got.output()).contains("orders").contains("hi");
        }
    }
}
