package dev.brokersandbox.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.NetworkConnection;
import dev.brokersandbox.Leftovers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The launcher as a user runs it, on free ports so that it never collides with a real broker here. */
class LauncherTest {

    private static final String[] FREE_PORTS = {"--amqp-port", "0", "--kafka-port", "0", "--status-port", "0"};

    @Test
    void startsBothBrokersPrintsWhereTheyListenAndStopsCleanlyOnRequest() throws Exception {
        Leftovers before = Leftovers.now();
        RunningLauncher launcher = RunningLauncher.start(FREE_PORTS);

        assertThat(launcher.out()).contains("Broker Sandbox is running.", "user guest, password guest, virtual host /",
                "bootstrap.servers=" + launcher.kafkaBootstrap(), "kcat -b " + launcher.kafkaBootstrap() + " -L",
                "Stop with Ctrl+C.");
        try (Connection connection = amqp(launcher).newConnection()) {
            assertThat(connection.isOpen()).isTrue();
        }

        assertThat(launcher.stop()).isZero();
        assertThat(launcher.out()).endsWith("Stopped. Temp dirs removed.\n");
        before.assertNothingNewRemains();
    }

    @Test
    void withTlsTheBannerNamesTheCaAndTrustStoreThatClientsThenConnectWith() throws Exception {
        Leftovers before = Leftovers.now();
        try (RunningLauncher launcher = RunningLauncher.start(FREE_PORTS[0], FREE_PORTS[1], FREE_PORTS[2],
                FREE_PORTS[3], FREE_PORTS[4], FREE_PORTS[5], "--tls", "--topic", "sealed")) {
            Matcher store = Pattern.compile("Java trust store\\s+(\\S+) \\(PKCS12, password (\\w+)\\)")
                    .matcher(launcher.out());
            assertThat(store.find()).as(launcher.out()).isTrue();
            Matcher ca = Pattern.compile("TLS CA certificate\\s+(\\S+)").matcher(launcher.out());
            assertThat(ca.find()).as(launcher.out()).isTrue();
            assertThat(Files.readString(Path.of(ca.group(1)))).startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(launcher.out()).contains(" (TLS)   user guest", " (SSL)\n",
                    "kcat -b " + launcher.kafkaBootstrap() + " -X security.protocol=SSL -X ssl.ca.location=" + ca.group(1));

            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(Path.of(store.group(1)))) {
                trustStore.load(in, store.group(2).toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            ConnectionFactory factory = amqp(launcher);
            factory.useSslProtocol(context);
            try (Connection connection = factory.newConnection()) {
                assertThat(connection.isOpen()).isTrue();
            }
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, launcher.kafkaBootstrap(),
                    "security.protocol", "SSL", "ssl.truststore.location", store.group(1),
                    "ssl.truststore.password", store.group(2), "ssl.truststore.type", "PKCS12"),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("sealed", "k", "v")).get(30, TimeUnit.SECONDS);
            }
            assertThat(launcher.stop()).isZero();
        }
        before.assertNothingNewRemains();
    }

    @Test
    void demoRunsTheLessonsTwoExamplesOnFreePortsAndEndsWithExitCode0() throws Exception {
        Leftovers before = Leftovers.now();
        RunningLauncher launcher = RunningLauncher.start("--demo");

        assertThat(launcher.exitCode()).as(launcher.err()).isZero();
        assertThat(launcher.out()).contains("Running the lesson's two examples, then stopping.",
                "AMQP  [x] Received 'Hello, RabbitMQ! This is a test message.'",
                "Kafka Received message: key=user_123 value=New user activity event")
                .doesNotContain("127.0.0.1:5672", "127.0.0.1:9092");
        before.assertNothingNewRemains();
    }

    @Test
    void servesRabbitMqsManagementApiBesideTheStatusPageToTheBrokersUsers() throws Exception {
        try (RunningLauncher launcher = RunningLauncher.start("--no-kafka", "--amqp-port", "0", "--status-port", "0",
                "--queue", "hello")) {
            String api = "http://127.0.0.1:" + launcher.statusPort() + "/api/queues/%2F/hello";
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            String guest = "Basic " + java.util.Base64.getEncoder().encodeToString("guest:guest".getBytes(UTF_8));

            var queue = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api))
                    .header("Authorization", guest).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            var anonymous = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(queue.statusCode()).isEqualTo(200);
            assertThat(queue.body()).contains("\"name\":\"hello\"", "\"vhost\":\"/\"", "\"messages\":0");
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(StatusServer.fetch(launcher.statusPort())).contains("hello");
            assertThat(launcher.out()).contains("RabbitMQ management API        http://127.0.0.1:"
                    + launcher.statusPort() + "/api/");
        }
    }

    @Test
    void statusShowsQueuesWithMessagesTopicsWithOffsetsAndGroupsWithLag() throws Exception {
        try (RunningLauncher launcher = RunningLauncher.start(FREE_PORTS[0], FREE_PORTS[1], FREE_PORTS[2],
                FREE_PORTS[3], FREE_PORTS[4], FREE_PORTS[5], "--topic", "orders:2", "--queue", "hello")) {
            try (Connection connection = amqp(launcher).newConnection(); Channel channel = connection.createChannel()) {
                channel.confirmSelect();
                channel.exchangeDeclare("logs", "fanout");
                channel.queueBind("hello", "logs", "");
                channel.basicPublish("", "hello", null, "one".getBytes(UTF_8));
                channel.basicPublish("", "hello", null, "two".getBytes(UTF_8));
                channel.waitForConfirmsOrDie(10_000);
            }
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, launcher.kafkaBootstrap()),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>("orders", 0, "k", "v" + i)).get();
                }
            }
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, launcher.kafkaBootstrap(),
                    ConsumerConfig.GROUP_ID_CONFIG, "billing"),
                    new StringDeserializer(), new StringDeserializer())) {
                var partition = new org.apache.kafka.common.TopicPartition("orders", 0);
                consumer.assign(List.of(partition));
                consumer.commitSync(Map.of(partition, new org.apache.kafka.clients.consumer.OffsetAndMetadata(1)));
            }

            String status = StatusServer.fetch(launcher.statusPort());

            assertThat(status).containsPattern("\n  hello +2 +0 +no\n")
                    .containsPattern("\n  logs +fanout +no\n")
                    .containsPattern("\n  logs +hello\n")
                    .containsPattern("\n  orders +2 +3 +0:3 1:0\n")
                    .containsPattern("\n  billing +Empty +0 +2 +orders-0:2\n");
        }
    }

    @Test
    void ctlRunsRabbitmqctlCommandsOnTheSandboxRunningOnThisMachine() throws Exception {
        try (RunningLauncher launcher = RunningLauncher.start("--no-kafka", "--amqp-port", "0", "--status-port", "0")) {
            String statusPort = String.valueOf(launcher.statusPort());
            Connection connection = amqp(launcher).newConnection("named-by-the-test");
            CompletableFuture<ShutdownSignalException> closed = new CompletableFuture<>();
            connection.addShutdownListener(closed::complete);

            RunningLauncher list = RunningLauncher.start("--status-port", statusPort, "--ctl", "-n", "rabbit@localhost",
                    "list_connections", "-q", "pid", "peer_port", "client_properties");
            assertThat(list.exitCode()).as(list.err()).isZero();
            String pid = list.out().split("\t")[0];
            assertThat(list.out()).isEqualTo(pid + "\t" + ((NetworkConnection) connection).getLocalPort()
                    + "\t[{\"connection_name\",\"named-by-the-test\"}]\n");

            RunningLauncher close = RunningLauncher.start("--status-port", statusPort, "--ctl", "close_connection", pid,
                    "Closed via rabbitmqctl");
            assertThat(close.exitCode()).as(close.err()).isZero();
            assertThat(((AMQP.Connection.Close) closed.get(10, TimeUnit.SECONDS).getReason()).getReplyText())
                    .isEqualTo("CONNECTION_FORCED - Closed via rabbitmqctl");

            RunningLauncher policy = RunningLauncher.start("--status-port", statusPort, "--ctl", "set_policy",
                    "--priority", "1", "--apply-to", "queues", "ttl", "^short\\.", "{\"message-ttl\":100}");
            assertThat(policy.exitCode()).as(policy.err()).isZero();
            RunningLauncher policies = RunningLauncher.start("--status-port", statusPort, "--ctl", "list_policies", "-q");
            assertThat(policies.out()).isEqualTo("/\tttl\t^short\\.\tqueues\t{\"message-ttl\":100}\t1\n");

            RunningLauncher refused = RunningLauncher.start("--status-port", statusPort, "--ctl", "set_policy", "ha",
                    ".*", "{\"ha-mode\":\"all\"}");
            assertThat(refused.exitCode()).isEqualTo(NodeCommands.FAILED);
            assertThat(refused.err()).contains("Policy 'ha': the sandbox does not apply 'ha-mode'");

            RunningLauncher clear = RunningLauncher.start("--status-port", statusPort, "--ctl", "clear_policy", "ttl");
            assertThat(clear.exitCode()).as(clear.err()).isZero();
            RunningLauncher clearAgain = RunningLauncher.start("--status-port", statusPort, "--ctl", "clear_policy", "ttl");
            assertThat(clearAgain.exitCode()).isEqualTo(NodeCommands.FAILED);

            RunningLauncher tags = RunningLauncher.start("--status-port", statusPort, "--ctl", "set_user_tags", "guest",
                    "administrator", "impersonator");
            assertThat(tags.exitCode()).as(tags.err()).isZero();
            RunningLauncher users = RunningLauncher.start("--status-port", statusPort, "--ctl", "list_users", "-q");
            assertThat(users.out()).isEqualTo("guest\t[administrator, impersonator]\n");

            RunningLauncher alarm = RunningLauncher.start("--status-port", statusPort, "--ctl", "eval",
                    "rabbit_alarm:set_alarm({{resource_limit, disk, node()}, []}).");
            assertThat(alarm.exitCode()).as(alarm.err()).isZero();
            RunningLauncher cleared = RunningLauncher.start("--status-port", statusPort, "--ctl", "eval",
                    "rabbit_alarm:clear_alarm({resource_limit, disk, node()}).");
            assertThat(cleared.exitCode()).as(cleared.err()).isZero();
            RunningLauncher erlang = RunningLauncher.start("--status-port", statusPort, "--ctl", "eval", "node().");
            assertThat(erlang.exitCode()).isEqualTo(NodeCommands.USAGE);
            assertThat(erlang.err()).startsWith("the sandbox cannot evaluate Erlang");

            RunningLauncher user = RunningLauncher.start("--status-port", statusPort, "--ctl", "add_user", "bob", "pw");
            assertThat(user.exitCode()).as(user.err()).isZero();
            RunningLauncher permissions = RunningLauncher.start("--status-port", statusPort, "--ctl", "set_permissions",
                    "-p", "/", "bob", "", "(", "");
            assertThat(permissions.exitCode()).isEqualTo(NodeCommands.FAILED);
            assertThat(permissions.err()).contains("The write permission '(' is not a regular expression");

            RunningLauncher unknown = RunningLauncher.start("--status-port", statusPort, "--ctl", "set_topic_permissions",
                    "bob", "amq.topic", ".*", ".*");
            assertThat(unknown.exitCode()).isEqualTo(NodeCommands.USAGE);
            assertThat(unknown.err())
                    .startsWith("the sandbox has no equivalent of rabbitmqctl set_topic_permissions; supported: ");
        }
    }

    @Test
    void aPortInUseIsOneLineNamingThePortAndItsFlagWithExitCode2AndNothingStarted() throws Exception {
        Leftovers before = Leftovers.now();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            RunningLauncher launcher = RunningLauncher.start("--amqp-port", String.valueOf(port), "--kafka-port", "0",
                    "--status-port", "0");

            assertThat(launcher.exitCode()).isEqualTo(Launcher.USAGE);
            assertThat(launcher.err()).isEqualTo("broker-sandbox: port " + port + " on 127.0.0.1 (AMQP) is already in "
                    + "use; choose another with --amqp-port N, or --amqp-port 0 for a free one\n");
            assertThat(launcher.out()).isEmpty();
        }
        before.assertNothingNewRemains();
    }

    @Test
    void statusWithNoSandboxRunningSaysHowToStartOne() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        RunningLauncher launcher = RunningLauncher.start("--status", "--status-port", String.valueOf(port));

        assertThat(launcher.exitCode()).isEqualTo(Launcher.FAILED);
        assertThat(launcher.err()).isEqualTo("broker-sandbox: no sandbox answers on 127.0.0.1:" + port
                + "; start one with java -jar broker-sandbox.jar (or pass the --status-port it was started with)\n");
    }

    @Test
    void bindPutsBothBrokersOnTheGivenAddressWithoutAWarningForALoopbackOne() throws Exception {
        try (RunningLauncher launcher = RunningLauncher.start(FREE_PORTS[0], FREE_PORTS[1], FREE_PORTS[2],
                FREE_PORTS[3], FREE_PORTS[4], FREE_PORTS[5], "--bind", "127.0.0.2")) {
            assertThat(launcher.out())
                    .containsPattern("AMQP 0-9-1 \\(RabbitMQ clients\\)\\s+127\\.0\\.0\\.2:\\d+")
                    .containsPattern("Kafka\\s+127\\.0\\.0\\.2:\\d+");
            assertThat(launcher.err()).doesNotContain("WARNING");
        }
    }

    @Test
    void bindingBeyondLoopbackWarnsThatItExposesTheBrokers() {
        // Checked without starting: a test must not listen beyond loopback.
        assertThat(Launcher.exposureWarning("0.0.0.0")).isEqualTo("WARNING: --bind 0.0.0.0 exposes both brokers, "
                + "with the well-known guest/guest credentials, to every host that can reach this address.");
        assertThat(Launcher.exposureWarning("127.0.0.1")).isNull();
        assertThat(Launcher.exposureWarning("127.0.0.2")).isNull();
    }

    @Test
    void aBadFlagIsRefusedWithExitCode2BeforeAnythingStarts() throws Exception {
        RunningLauncher launcher = RunningLauncher.start("--topic", "orders:zero");

        assertThat(launcher.exitCode()).isEqualTo(Launcher.USAGE);
        assertThat(launcher.err()).isEqualTo("broker-sandbox: --topic orders:zero: partitions must be a number of at "
                + "least 1, as in --topic orders:3\n");
    }

    private static ConnectionFactory amqp(RunningLauncher launcher) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(launcher.amqpPort());
        factory.setConnectionTimeout((int) Duration.ofSeconds(10).toMillis());
        return factory;
    }
}
