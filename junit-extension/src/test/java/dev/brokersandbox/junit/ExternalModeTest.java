package dev.brokersandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.brokersandbox.Sandbox;
import dev.brokersandbox.SandboxException;
import dev.brokersandbox.internal.TempDirs;
import dev.brokersandbox.junit.internal.ExternalConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.opentest4j.TestAbortedException;

/**
 * External mode: configuration alone points the extension at brokers it did not start (here those
 * of a sandbox of this JVM, as a launcher would run them), and every promise holds on them.
 */
class ExternalModeTest {

    static final Map<String, String> SEEN = new ConcurrentHashMap<>();
    private static Sandbox brokers;

    @BeforeAll
    static void startTheExternalBrokers() {
        brokers = Sandbox.builder().kafka().amqp().start();
    }

    @AfterAll
    static void stopThem() {
        brokers.close();
    }

    private static EngineTestKit.Builder external(Class<?>... fixtures) {
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("brokersandbox.external.kafka.bootstrap.servers", brokers.kafka().bootstrapServers())
                .configurationParameter("brokersandbox.external.kafka.topic-prefix", "run-7-")
                .configurationParameter("brokersandbox.external.amqp.uri", brokers.amqp().uri())
                .configurationParameter("brokersandbox.external.amqp.management-url", brokers.amqp().managementUrl());
        for (Class<?> fixture : fixtures) {
            kit.selectors(selectClass(fixture));
        }
        return kit;
    }

    @Test
    void aClassRunsOnTheExternalBrokersInItsOwnVirtualHostAndPrefixedTopicsWhichAreRemovedAfterIt() throws Exception {
        Set<Path> before = TempDirs.created();

        external(OnExternalBrokers.class).execute().testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));

        Set<Path> started = new HashSet<>(TempDirs.created());
        started.removeAll(before);
        assertThat(started).as("brokers started for the run: none in external mode").isEmpty();
        assertThat(SEEN).containsEntry("topic", "run-7-orders").containsEntry("bootstrap", brokers.kafka().bootstrapServers())
                .containsEntry("amqpPort", String.valueOf(brokers.amqp().port()));
        assertThat(SEEN.get("topicsDuring")).contains("run-7-orders");
        try (Admin admin = brokers.kafka().admin()) {
            assertThat(admin.listTopics().names().get()).as("topics after the run").doesNotContain("run-7-orders");
        }
        assertThatThrownBy(() -> brokers.amqp().overview(SEEN.get("vhost"))).as("the class's virtual host, after it")
                .isInstanceOf(SandboxException.class);
        // External brokers outlive the JVM: another JVM's names (running alongside, or killed before it
        // cleaned up) must never collide with this one's, so they carry the run's id.
        assertThat(SEEN.get("vhost")).matches("sandbox-OnExternalBrokers-\\d+-" + ExternalConfig.runId());
        assertThat(SEEN.get("group")).startsWith(SEEN.get("vhost"));
    }

    @Test
    void kafkaClientPropertiesOfAConfigFileReachTheInjectedClients(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("client.properties");
        java.nio.file.Files.writeString(file, "client.id=from-the-config-file\nrequest.timeout.ms=12345\n");

        external(SeesItsClientConfig.class).configurationParameter("brokersandbox.external.kafka.config-file",
                file.toString()).execute().testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertThat(SEEN).containsEntry("client.id", "from-the-config-file").containsEntry("request.timeout.ms", "12345");
    }

    @Test
    void whatExternalBrokersCannotDoIsSkippedNamingTheReason() {
        var events = external(RestartsItsBrokers.class).execute().testEvents();

        events.assertStatistics(stats -> stats.aborted(2).failed(0));
        events.assertThatEvents().haveExactly(1, event(test("restartKafka"), abortedWithReason(instanceOf(
                TestAbortedException.class), message(m -> m.startsWith("Skipped on external brokers: Restarting Kafka "
                + "(KafkaBroker.restart()) needs brokers the sandbox started, but it runs on external brokers (Kafka "
                + brokers.kafka().bootstrapServers() + ", AMQP 127.0.0.1:" + brokers.amqp().port() + ")")))));
        events.assertThatEvents().haveExactly(1, event(test("stopTheAmqpBroker"), abortedWithReason(message(m ->
                m.startsWith("Skipped on external brokers: Stopping the AMQP broker (AmqpBroker.stop())")))));
        assertThat(brokers.kafka().isRunning(1)).isTrue();
    }

    @Test
    void anExternalAmqpBrokerWithoutAManagementUrlFailsNamingTheSetting() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(OnExternalBrokers.class))
                .configurationParameter("brokersandbox.external.amqp.uri", brokers.amqp().uri())
                .execute().containerEvents()
                .assertThatEvents().haveExactly(1, event(container(OnExternalBrokers.class), finishedWithFailure(
                        instanceOf(ExtensionConfigurationException.class), message("brokersandbox.external.amqp.uri names "
                                + "an external AMQP broker, but brokersandbox.external.amqp.management-url is not set: give "
                                + "the URL of its RabbitMQ management API (such as http://rabbit:15672), through which "
                                + "each test class gets a virtual host of its own"))));
    }

    @BrokerSandbox(topics = @Topic(name = "orders", partitions = 2), queues = @Queue("hello"))
    static class OnExternalBrokers {
        @Test
        void roundTripsOnBothBrokers(Producer<String, String> producer, Consumer<String, String> consumer,
                                     Channel channel, SandboxInfo info, Admin admin) throws Exception {
            String topic = info.kafkaTopic("orders");
            producer.send(new ProducerRecord<>(topic, "k", "v")).get();
            consumer.subscribe(List.of(topic));
            ConsumerRecord<String, String> record = KafkaAwait.first(consumer);
            channel.basicPublish("", "hello", null, "hi".getBytes(StandardCharsets.UTF_8));
            GetResponse got = AmqpAwaitGet.first(channel, "hello");

            assertThat(record.value()).isEqualTo("v");
            assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("hi");
            SEEN.put("topic", topic);
            SEEN.put("topicsDuring", admin.listTopics().names().get().toString());
            SEEN.put("bootstrap", info.kafkaBootstrapServers());
            SEEN.put("amqpPort", String.valueOf(info.amqpPort()));
            SEEN.put("vhost", info.amqpVirtualHost());
            SEEN.put("group", consumer.groupMetadata().groupId());
        }
    }

    @BrokerSandbox
    static class SeesItsClientConfig {
        @Test
        void record(SandboxInfo info) {
            SEEN.put("client.id", String.valueOf(info.kafkaClientConfig().get("client.id")));
            SEEN.put("request.timeout.ms", String.valueOf(info.kafkaClientConfig().get("request.timeout.ms")));
        }
    }

    @BrokerSandbox(lifecycle = BrokerSandbox.Lifecycle.PER_CLASS)
    static class RestartsItsBrokers {
        @Test
        void restartKafka(Sandbox sandbox) {
            sandbox.kafka().restart();
        }

        @Test
        void stopTheAmqpBroker(Sandbox sandbox) {
            sandbox.amqp().stop();
        }
    }

    /** Bounded waits for the fixtures. */
    static final class KafkaAwait {
        static ConsumerRecord<String, String> first(Consumer<String, String> consumer) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    return r;
                }
            }
            throw new AssertionError("No record arrived within 30 s");
        }
    }

    static final class AmqpAwaitGet {
        static GetResponse first(Channel channel, String queue) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                GetResponse response = channel.basicGet(queue, true);
                if (response != null) {
                    return response;
                }
                Thread.sleep(10);
            }
            throw new AssertionError("No message arrived on " + queue + " within 10 s");
        }
    }
}
