package com.example.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Spring's context cache keeps working: classes that declare the same sandbox share one
 * application context (and its virtual host), a different declaration gets a context and a
 * virtual host of its own. The fixtures report what they saw through JUnit's report entries.
 */
class ContextSharingTest {

    @Test
    void classesWithTheSameSandboxShareOneApplicationContext() {
        Map<String, String> first = FixtureRuns.reported(First.class);
        Map<String, String> second = FixtureRuns.reported(Second.class);

        assertThat(second.get("context")).isEqualTo(first.get("context"));
        assertThat(second.get("springVirtualHost")).isEqualTo(first.get("springVirtualHost"));
        assertThat(first.get("injectedVirtualHost")).isEqualTo(first.get("springVirtualHost"));
        assertThat(second.get("injectedVirtualHost")).isEqualTo(second.get("springVirtualHost"));
    }

    @Test
    void classWithAnotherSandboxGetsItsOwnContextAndVirtualHost() {
        Map<String, String> first = FixtureRuns.reported(First.class);
        Map<String, String> other = FixtureRuns.reported(OtherSandbox.class);

        assertThat(other.get("context")).isNotEqualTo(first.get("context"));
        assertThat(other.get("springVirtualHost")).isNotEqualTo(first.get("springVirtualHost"));
        assertThat(other.get("injectedVirtualHost")).isEqualTo(other.get("springVirtualHost"));
    }

    @Test
    void plainAndSpringClassesOfOneRunShareTheBrokers() {
        Map<String, String> spring = FixtureRuns.reported(First.class);
        Map<String, String> plain = FixtureRuns.reported(Plain.class);

        assertThat(plain.get("kafka")).isEqualTo(spring.get("kafka"));
        assertThat(plain.get("amqpPort")).isEqualTo(spring.get("amqpPort"));
        assertThat(plain.get("injectedVirtualHost")).isNotEqualTo(spring.get("injectedVirtualHost"));
    }

    @Test
    void tlsOnASpringTestIsRefusedNamingTheAttribute() {
        Events all = EngineTestKit.engine("junit-jupiter").selectors(selectClass(WithTls.class)).execute().allEvents();
        assertThat(all.succeeded().filter(event -> event.getTestDescriptor().isTest()).count()).isZero();
        List<Throwable> failures = all.failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .collect(Collectors.toList());
        assertThat(failures).isNotEmpty();
        Throwable failure = failures.get(0);
        while (failure.getCause() != null && !(failure instanceof ExtensionConfigurationException)) {
            failure = failure.getCause();
        }
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class).hasMessage("@BrokerSandbox(tls = true) on WithTls: the Spring Boot wiring connects the "
                + "application without TLS and SASL; remove it from this Spring test, or configure the application "
                + "yourself from SandboxInfo (kafkaClientConfig(), trustStore()) in a test without @SpringBootTest");
    }

    /** What a fixture reports: its application context and the virtual hosts the application and the extension use. */
    abstract static class Reporting {

        @Test
        void report(@Autowired ApplicationContext context, @Autowired Environment environment, SandboxInfo info,
                    TestReporter reporter) {
            reporter.publishEntry(Map.of(
                    "context", context.getId() + "@" + System.identityHashCode(context),
                    "springVirtualHost", environment.getProperty("spring.rabbitmq.virtual-host"),
                    "injectedVirtualHost", info.amqpVirtualHost(),
                    "kafka", info.kafkaBootstrapServers(),
                    "amqpPort", String.valueOf(info.amqpPort())));
        }
    }

    /** No Spring: the extension alone. */
    @BrokerSandbox(topics = @Topic("plain-events"))
    static class Plain {

        @Test
        void report(SandboxInfo info, TestReporter reporter) {
            reporter.publishEntry(Map.of(
                    "injectedVirtualHost", info.amqpVirtualHost(),
                    "kafka", info.kafkaBootstrapServers(),
                    "amqpPort", String.valueOf(info.amqpPort())));
        }
    }

    @SpringBootTest(classes = ExtensionApp.class)
    @BrokerSandbox(tls = true)
    static class WithTls {

        @Test
        void neverRuns() {
        }
    }

    @SpringBootTest(classes = ExtensionApp.class)
    @BrokerSandbox(topics = @Topic(ExtensionApp.TOPIC), queues = @Queue(ExtensionApp.QUEUE))
    static class First extends Reporting {
    }

    @SpringBootTest(classes = ExtensionApp.class)
    @BrokerSandbox(topics = @Topic(ExtensionApp.TOPIC), queues = @Queue(ExtensionApp.QUEUE))
    static class Second extends Reporting {
    }

    // Its own consumer group: on Boot 3.5 a cached context's listeners keep running beside the others'.
    @SpringBootTest(classes = ExtensionApp.class, properties = "extension.group=other-sandbox")
    @BrokerSandbox(topics = @Topic(ExtensionApp.TOPIC), queues = {@Queue(ExtensionApp.QUEUE), @Queue("audit")})
    static class OtherSandbox extends Reporting {
    }
}
