package dev.brokersandbox.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.rabbitmq.client.BuiltinExchangeType;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** A mistake in the annotation fails the class with a message that names the element and the fix. */
class MisconfigurationTest {

    @Test
    void partitionsBelowOneNameTheTopicAndTheRule() {
        assertClassFails(ZeroPartitions.class, "@Topic(\"orders\") on ZeroPartitions: partitions must be at least 1 "
                + "(it is the number of Kafka partitions to create), got 0");
    }

    @Test
    void emptyTopicNameSaysHowToGiveOne() {
        assertClassFails(EmptyTopicName.class, "@Topic on EmptyTopicName: the name is empty; give it as "
                + "@Topic(\"some-name\") or @Topic(name = \"some-name\")");
    }

    @Test
    void differentValueAndNameAreRejected() {
        assertClassFails(ValueAndName.class, "@Queue(value = \"a\", name = \"b\") on ValueAndName: value and name "
                + "are two spellings of the same name and differ; give it once");
    }

    @Test
    void illegalTopicNameListsTheLegalCharacters() {
        assertClassFails(IllegalTopicName.class, "@Topic(\"orders!\") on IllegalTopicName: not a legal Kafka topic "
                + "name (use at most 249 characters from a-z, A-Z, 0-9, '.', '_' and '-')");
    }

    @Test
    void bindingToAnUndeclaredExchangeNamesTheExchange() {
        assertClassFails(UndeclaredExchange.class, "@Binding(exchange = \"logs\", queue = \"q\") on UndeclaredExchange: "
                + "exchange \"logs\" is not declared; declare it as an exchange first");
    }

    @Test
    void bindingToAnUndeclaredQueueNamesTheQueue() {
        assertClassFails(UndeclaredQueue.class, "@Binding(exchange = \"logs\", queue = \"q\") on UndeclaredQueue: "
                + "queue \"q\" is not declared; declare it as a queue first");
    }

    @Test
    void duplicateQueueNamesAreRejected() {
        assertClassFails(DuplicateQueue.class, "@Queue(\"hello\") on DuplicateQueue: queue \"hello\" is declared "
                + "twice: declare each queue once");
    }

    @Test
    void malformedConfigEntryShowsTheExpectedForm() {
        assertClassFails(MalformedConfig.class, "@Topic(\"t\") config entry \"retention.ms\" on MalformedConfig: "
                + "expected key=value, e.g. \"retention.ms=60000\"");
    }

    @Test
    void noKafkaBrokersSaysHowManyToGive() {
        assertClassFails(ZeroBrokers.class, "@BrokerSandbox(kafkaBrokers = 0) on ZeroBrokers: a Kafka needs at least "
                + "1 broker; give 1 (the default) for one combined broker and controller, or more for a cluster");
    }

    @Test
    void anExchangeInTheReservedAmqNamespaceSaysToBindToThePredeclaredOne() {
        assertClassFails(ReservedExchange.class, "@Exchange(\"amq.mine\") on ReservedExchange: names starting with "
                + "'amq.' are reserved by AMQP; bind to the predeclared one without declaring it, or choose another name");
    }

    @Test
    void aNegativeReplicationFactorNamesTheTopicAndTheRule() {
        assertClassFails(NegativeReplication.class, "@Topic(\"t\") on NegativeReplication: replicationFactor must be "
                + "at least 1 (or 0 for the broker's default), got -1");
    }

    @Test
    void aConfigKeyGivenTwiceNamesTheKey() {
        assertClassFails(DuplicateConfig.class, "@Topic(\"t\") config entry \"retention.ms\" on DuplicateConfig: "
                + "given twice; give each key once");
    }

    @Test
    void aBindingToTheDefaultExchangeSaysToNameADeclaredOne() {
        assertClassFails(DefaultExchangeBinding.class, "@Binding(exchange = \"\", queue = \"q\") on "
                + "DefaultExchangeBinding: the default exchange cannot be bound (it already routes to every queue by "
                + "name); name a declared exchange");
    }

    @Test
    void aMalformedQueueArgumentShowsTheExpectedFormWithAQueueArgument() {
        assertClassFails(MalformedArgument.class, "@Queue(\"q\") arguments entry \"x-max-length\" on MalformedArgument: "
                + "expected key=value, e.g. \"x-max-length=10\"");
    }

    @Test
    void producerWithOtherTypesSaysWhatIsInjectedAndWhatToDoInstead() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(BytesProducer.class))
                .execute().testEvents();
        tests.assertThatEvents().haveExactly(1, event(test("bytes"), finishedWithFailure(
                instanceOf(ParameterResolutionException.class),
                message("parameter 0 (Producer) of BytesProducer.bytes(): the sandbox injects Producer<String, String> "
                        + "only, not Producer<byte[], byte[]>; declare it as Producer<String, String>, or inject "
                        + "SandboxInfo and build the client with your serializers from info.kafkaClientConfig()"))));
    }

    @Test
    void unsupportedParameterTypeIsLeftToOtherResolvers() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(UnsupportedType.class))
                .execute().testEvents();
        tests.assertThatEvents().haveExactly(1, event(test("thread"), finishedWithFailure(
                instanceOf(ParameterResolutionException.class),
                message(m -> m.startsWith("No ParameterResolver registered for parameter [java.lang.Thread")))));
    }

    private static void assertClassFails(Class<?> fixture, String expectedMessage) {
        Events containers = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                .execute().containerEvents();
        containers.assertThatEvents().haveExactly(1, event(container(fixture),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message(expectedMessage))));
    }

    @BrokerSandbox(topics = @Topic(name = "orders", partitions = 0))
    static class ZeroPartitions {
        @Test
        void test() {
        }
    }

    @BrokerSandbox(topics = @Topic(partitions = 2))
    static class EmptyTopicName {
        @Test
        void test() {
        }
    }

    @BrokerSandbox(queues = @Queue(value = "a", name = "b"))
    static class ValueAndName {
        @Test
        void test() {
        }
    }

    @BrokerSandbox(topics = @Topic("orders!"))
    static class IllegalTopicName {
        @Test
        void test() {
        }
    }

    @BrokerSandbox(queues = @Queue("q"), bindings = @Binding(exchange = "logs", queue = "q"))
    static class UndeclaredExchange {
        @Test
        void test() {
        }
    }

    @BrokerSandbox(exchanges = @Exchange(name = "logs", type = BuiltinExchangeType.FANOUT),
            bindings = @Binding(exchange = "logs", queue = "q"))
    static class UndeclaredQueue {
        @Test
        void test() {
        }
    }

    @BrokerSandbox(queues = {@Queue("hello"), @Queue(name = "hello", durable = true)})
    static class DuplicateQueue {
        @Test
        void test() {
        }
    }

    @BrokerSandbox(topics = @Topic(name = "t", config = "retention.ms"))
    static class MalformedConfig {
        @Test
        void test() {
        }
    }

    @BrokerSandbox(kafkaBrokers = 0)
    static class ZeroBrokers {
        @Test
        void test() {
        }
    }

    @BrokerSandbox(exchanges = @Exchange(name = "amq.mine", type = BuiltinExchangeType.TOPIC))
    static class ReservedExchange {
        @Test
        void test() {
        }
    }

    @BrokerSandbox(topics = @Topic(name = "t", replicationFactor = -1))
    static class NegativeReplication {
        @Test
        void test() {
        }
    }

    @BrokerSandbox(topics = @Topic(name = "t", config = {"retention.ms=1", "retention.ms=2"}))
    static class DuplicateConfig {
        @Test
        void test() {
        }
    }

    @BrokerSandbox(queues = @Queue("q"), bindings = @Binding(exchange = "", queue = "q"))
    static class DefaultExchangeBinding {
        @Test
        void test() {
        }
    }

    @BrokerSandbox(queues = @Queue(name = "q", arguments = "x-max-length"))
    static class MalformedArgument {
        @Test
        void test() {
        }
    }

    @BrokerSandbox
    static class BytesProducer {
        @Test
        void bytes(Producer<byte[], byte[]> producer) {
        }
    }

    @BrokerSandbox
    static class UnsupportedType {
        @Test
        void thread(Thread thread) {
        }
    }
}
