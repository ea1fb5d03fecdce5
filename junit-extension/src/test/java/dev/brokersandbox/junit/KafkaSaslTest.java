package dev.brokersandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.KafkaAwait;
import dev.brokersandbox.KafkaSaslMechanism;
import dev.brokersandbox.KafkaUser;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** {@code @BrokerSandbox(kafkaSasl = .., kafkaUsers = ..)}: injected Kafka clients log in as the first user. */
class KafkaSaslTest {

    @Test
    void injectedClientsLogInAsTheFirstUserAndSandboxInfoAsAnother() {
        assertAllSucceed(AnnotatedScram.class, 2);
    }

    @Test
    void theBuilderRouteGivesTheSameSasl() {
        assertAllSucceed(ProgrammaticPlain.class, 1);
    }

    @Test
    void anUnknownMechanismNamesTheAttributeAndTheMechanismsOnOffer() {
        assertClassFails(UnknownMechanism.class, "@BrokerSandbox(kafkaSasl = \"SCRAM-SHA-1\", kafkaUsers = "
                + "{\"alice:…\"}) on UnknownMechanism: \"SCRAM-SHA-1\" is not a SASL mechanism the sandbox's Kafka "
                + "offers; use one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512");
    }

    @Test
    void aUserWithoutAPasswordSaysHowToGiveOne() {
        assertClassFails(UserWithoutPassword.class, "@BrokerSandbox(kafkaSasl = \"PLAIN\", kafkaUsers = {\"alice\"}) "
                + "on UserWithoutPassword: kafkaUsers entry \"alice\" is not name:password; give each user as "
                + "\"alice:alice-secret\"");
    }

    @Test
    void usersWithoutAMechanismAreRefused() {
        assertClassFails(UsersWithoutMechanism.class, "@BrokerSandbox(kafkaSasl = \"\", kafkaUsers = {\"alice:…\"}) "
                + "on UsersWithoutMechanism: kafkaUsers [KafkaUser[alice]]: Kafka users need a SASL mechanism; give one "
                + "with kafkaSasl(mechanism, users)");
    }

    private static void assertAllSucceed(Class<?> fixture, int tests) {
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute().testEvents();
        assertThat(events.failed().stream().map(e -> e.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).map(Throwable::toString).orElse("?"))).isEmpty();
        events.assertStatistics(stats -> stats.started(tests).succeeded(tests));
    }

    private static void assertClassFails(Class<?> fixture, String expected) {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute().containerEvents()
                .assertThatEvents().haveExactly(1, event(container(fixture), finishedWithFailure(
                        instanceOf(ExtensionConfigurationException.class), message(expected))));
    }

    @BrokerSandbox(kafkaSasl = "SCRAM-SHA-256", kafkaUsers = {"alice:alice-secret", "bob:bob-secret"},
                   topics = @Topic("sasl-events"))
    static class AnnotatedScram {

        @Test
        void injected(Producer<String, String> producer, Consumer<String, String> consumer, SandboxInfo info)
                throws Exception {
            assertThat(info.kafkaClientConfig().get("sasl.jaas.config").toString()).contains("username=\"alice\"");
            producer.send(new ProducerRecord<>("sasl-events", "k", "as alice")).get(10, TimeUnit.SECONDS);
            consumer.subscribe(List.of("sasl-events"));
            assertThat(KafkaAwait.records(consumer, 1, Duration.ofSeconds(10))).extracting(ConsumerRecord::value)
                    .containsExactly("as alice");
        }

        @Test
        void asBob(SandboxInfo info) throws Exception {
            try (Admin bob = Admin.create(info.kafkaClientConfig("bob"))) {
                assertThat(bob.listTopics().names().get(10, TimeUnit.SECONDS)).contains("sasl-events");
            }
        }
    }

    static class ProgrammaticPlain {

        @RegisterExtension
        static SandboxExtension sandbox = SandboxExtension.builder()
                .kafkaSasl(KafkaSaslMechanism.PLAIN, new KafkaUser("carol", "carol-secret"))
                .topic("plain-events", 1)
                .build();

        @Test
        void injected(Producer<String, String> producer) throws Exception {
            producer.send(new ProducerRecord<>("plain-events", "k", "as carol")).get(10, TimeUnit.SECONDS);
        }
    }

    @BrokerSandbox(kafkaSasl = "SCRAM-SHA-1", kafkaUsers = "alice:secret")
    static class UnknownMechanism {
        @Test
        void never() {
        }
    }

    @BrokerSandbox(kafkaSasl = "PLAIN", kafkaUsers = "alice")
    static class UserWithoutPassword {
        @Test
        void never() {
        }
    }

    @BrokerSandbox(kafkaUsers = "alice:secret")
    static class UsersWithoutMechanism {
        @Test
        void never() {
        }
    }
}
