package dev.brokersandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.rabbitmq.client.Channel;
import dev.brokersandbox.Sandbox;
import dev.brokersandbox.internal.TempDirs;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Who owns the brokers: the JVM by default, the class when asked; both registration routes behave alike. */
class LifecycleTest {

    static final Map<String, Seen> INFOS = new ConcurrentHashMap<>();

    /** What a fixture saw while it ran (a SandboxInfo must be read while its class runs). */
    record Seen(String kafkaBootstrapServers, int amqpPort, String amqpVirtualHost) {
        static Seen of(SandboxInfo info) {
            return new Seen(info.kafkaBootstrapServers(), info.amqpPort(), info.amqpVirtualHost());
        }
    }

    @Test
    void classesShareTheJvmsBrokersUnlessTheyAskForTheirOwn() {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(SharedOne.class), selectClass(OwnBrokers.class), selectClass(SharedTwo.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(3).failed(0));

        assertThat(INFOS.get("SharedOne").kafkaBootstrapServers())
                .isEqualTo(INFOS.get("SharedTwo").kafkaBootstrapServers())
                .isNotEqualTo(INFOS.get("OwnBrokers").kafkaBootstrapServers());
        assertThat(INFOS.get("SharedOne").amqpPort()).isEqualTo(INFOS.get("SharedTwo").amqpPort());
        assertThat(INFOS.get("SharedOne").amqpVirtualHost()).isNotEqualTo(INFOS.get("SharedTwo").amqpVirtualHost());
        assertThatThrownBy(() -> connect(INFOS.get("OwnBrokers").amqpPort()))
                .as("the per-class AMQP broker is stopped after its class").isInstanceOf(IOException.class);
    }

    @Test
    void aClassThatUsesOnlyKafkaNeverStartsTheAmqpBroker() {
        Set<Path> before = TempDirs.created();

        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(KafkaOnly.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(1));

        Set<Path> started = new HashSet<>(TempDirs.created());
        started.removeAll(before);
        assertThat(started).as("work directories of the brokers started for the run").singleElement()
                .satisfies(dir -> assertThat(dir.getFileName().toString()).startsWith("broker-sandbox-kafka-"));
    }

    @Test
    void programmaticRegistrationCreatesItsTopicsAndQueues() {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(Programmatic.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void theBuilderGivesAClassAClusterOfItsOwn() {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(ProgrammaticCluster.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void registeringTwiceIsAnError() {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(RegisteredTwice.class))
                .execute()
                .containerEvents()
                .assertThatEvents().haveExactly(1, event(container(RegisteredTwice.class), finishedWithFailure(
                        instanceOf(ExtensionConfigurationException.class),
                        message("SandboxExtension is registered twice on RegisteredTwice: use either @BrokerSandbox "
                                + "or a @RegisterExtension SandboxExtension, not both"))));
    }

    @Test
    void nestedClassesShareTheirOuterClassesVirtualHost() {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(Outer.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(INFOS.get("Inner").amqpVirtualHost()).isEqualTo(INFOS.get("Outer").amqpVirtualHost());
    }

    @Test
    void classesAskingForAClusterShareOneOfThatSize() {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(ClusterOne.class), selectClass(ClusterTwo.class), selectClass(SharedOne.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(3).failed(0));

        assertThat(INFOS.get("ClusterOne").kafkaBootstrapServers().split(",")).hasSize(3);
        assertThat(INFOS.get("ClusterOne").kafkaBootstrapServers())
                .isEqualTo(INFOS.get("ClusterTwo").kafkaBootstrapServers())
                .isNotEqualTo(INFOS.get("SharedOne").kafkaBootstrapServers());
    }

    @Test
    void theSandboxIsInjectedIntoPerClassTestsOnly() {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(RestartsItsKafka.class), selectClass(WantsTheSharedSandbox.class))
                .execute()
                .testEvents()
                .assertThatEvents()
                .haveExactly(1, event(test("restart"), finishedSuccessfully()))
                .haveExactly(1, event(test("wants"), finishedWithFailure(instanceOf(ParameterResolutionException.class),
                        message("parameter 0 (Sandbox) of WantsTheSharedSandbox.wants(): the Sandbox is injected only "
                                + "into classes with @BrokerSandbox(lifecycle = PER_CLASS) (or "
                                + "SandboxExtension.builder().perClass()): it can stop and restart brokers that other "
                                + "classes share"))));
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getInputStream();
        }
    }

    @BrokerSandbox(topics = @Topic("kafka-only"))
    static class KafkaOnly {
        @Test
        void produce(org.apache.kafka.clients.producer.Producer<String, String> producer) throws Exception {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("kafka-only", "v")).get();
        }
    }

    @BrokerSandbox
    static class SharedOne {
        @Test
        void record(SandboxInfo info) {
            INFOS.put("SharedOne", Seen.of(info));
        }
    }

    @BrokerSandbox
    static class SharedTwo {
        @Test
        void record(SandboxInfo info) {
            INFOS.put("SharedTwo", Seen.of(info));
        }
    }

    @BrokerSandbox(lifecycle = BrokerSandbox.Lifecycle.PER_CLASS)
    static class OwnBrokers {
        @Test
        void record(SandboxInfo info) {
            INFOS.put("OwnBrokers", Seen.of(info));
        }
    }

    @BrokerSandbox(kafkaBrokers = 3, topics = @Topic(name = "cluster-one", replicationFactor = 3))
    static class ClusterOne {
        @Test
        void record(SandboxInfo info, Admin admin) throws Exception {
            INFOS.put("ClusterOne", Seen.of(info));
            var topic = admin.describeTopics(java.util.List.of("cluster-one")).allTopicNames().get().get("cluster-one");
            assertThat(topic.partitions().get(0).replicas()).hasSize(3);
        }
    }

    @BrokerSandbox(kafkaBrokers = 3)
    static class ClusterTwo {
        @Test
        void record(SandboxInfo info) {
            INFOS.put("ClusterTwo", Seen.of(info));
        }
    }

    @BrokerSandbox(lifecycle = BrokerSandbox.Lifecycle.PER_CLASS, topics = @Topic("restarting"))
    static class RestartsItsKafka {
        @Test
        void restart(Sandbox sandbox, SandboxInfo info) {
            sandbox.kafka().restart();
            assertThat(sandbox.kafka().bootstrapServers()).isEqualTo(info.kafkaBootstrapServers());
        }
    }

    @BrokerSandbox
    static class WantsTheSharedSandbox {
        @Test
        void wants(Sandbox sandbox) {
        }
    }

    static class Programmatic {
        @RegisterExtension
        static SandboxExtension sandbox = SandboxExtension.builder()
                .topic("programmatic-orders", 2)
                .queue("programmatic-queue")
                .build();

        @Test
        void topicsAndQueuesExist(Admin admin, Channel channel) throws Exception {
            var description = admin.describeTopics(java.util.List.of("programmatic-orders")).allTopicNames().get();
            assertThat(description.get("programmatic-orders").partitions()).hasSize(2);
            assertThat(channel.queueDeclarePassive("programmatic-queue").getMessageCount()).isZero();
        }
    }

    static class ProgrammaticCluster {
        @RegisterExtension
        static SandboxExtension sandbox = SandboxExtension.builder()
                .kafkaBrokers(3)
                .perClass()
                .topic("replicated", 2, 3, Map.of("min.insync.replicas", "2"))
                .build();

        @Test
        void threeBrokersHoldEveryPartition(Sandbox own, Admin admin) throws Exception {
            assertThat(own.kafka().brokerCount()).isEqualTo(3);
            var topic = admin.describeTopics(java.util.List.of("replicated")).allTopicNames().get().get("replicated");
            assertThat(topic.partitions()).hasSize(2).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
        }
    }

    @BrokerSandbox
    static class RegisteredTwice {
        @RegisterExtension
        static SandboxExtension sandbox = SandboxExtension.builder().build();

        @Test
        void test() {
        }
    }

    @BrokerSandbox(queues = @Queue("outer-queue"))
    static class Outer {
        @Test
        void record(SandboxInfo info) {
            INFOS.put("Outer", Seen.of(info));
        }

        @Nested
        class Inner {
            @Test
            void seesTheOuterQueue(SandboxInfo info, Channel channel) throws Exception {
                INFOS.put("Inner", Seen.of(info));
                assertThat(channel.queueDeclarePassive("outer-queue").getMessageCount()).isZero();
            }
        }
    }
}
