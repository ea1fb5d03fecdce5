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
import org.junit.platform.engine.reporting.ReportEntry;
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
        Map<String, String> first = run(First.class);
        Map<String, String> second = run(Second.class);

        assertThat(second.get("context")).isEqualTo(first.get("context"));
        assertThat(second.get("springVirtualHost")).isEqualTo(first.get("springVirtualHost"));
        assertThat(first.get("injectedVirtualHost")).isEqualTo(first.get("springVirtualHost"));
        assertThat(second.get("injectedVirtualHost")).isEqualTo(second.get("springVirtualHost"));
    }

    @Test
    void classWithAnotherSandboxGetsItsOwnContextAndVirtualHost() {
        Map<String, String> first = run(First.class);
        Map<String, String> other = run(OtherSandbox.class);

        assertThat(other.get("context")).isNotEqualTo(first.get("context"));
        assertThat(other.get("springVirtualHost")).isNotEqualTo(first.get("springVirtualHost"));
        assertThat(other.get("injectedVirtualHost")).isEqualTo(other.get("springVirtualHost"));
    }

    private static Map<String, String> run(Class<?> fixture) {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute().testEvents();
        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
        List<Map<String, String>> reported = tests.reportingEntryPublished()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .collect(Collectors.toList());
        assertThat(reported).as("report entries of %s", fixture.getSimpleName()).hasSize(1);
        return reported.get(0);
    }

    /** What a fixture reports: its application context and the virtual hosts the application and the extension use. */
    abstract static class Reporting {

        @Test
        void report(@Autowired ApplicationContext context, @Autowired Environment environment, SandboxInfo info,
                    TestReporter reporter) {
            reporter.publishEntry(Map.of(
                    "context", context.getId() + "@" + System.identityHashCode(context),
                    "springVirtualHost", environment.getProperty("spring.rabbitmq.virtual-host"),
                    "injectedVirtualHost", info.amqpVirtualHost()));
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
