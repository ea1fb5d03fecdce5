package com.example.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.rabbitmq.client.ConnectionFactory;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A context's virtual host and topics go when the context closes (here through
 * {@code @DirtiesContext}), not when a class that used it ends.
 */
@SpringBootTest
@BrokerSandbox(topics = @Topic(ExtensionApp.TOPIC), queues = @Queue(ExtensionApp.QUEUE))
class ContextCloseTest {

    @Test
    void closedContextsVirtualHostAndTopicsAreRemoved(SandboxInfo info, Admin admin) throws Exception {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Dirtied.class)).execute().testEvents();
        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
        List<String> virtualHosts = tests.reportingEntryPublished()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("virtualHost"))
                .collect(Collectors.toList());
        assertThat(virtualHosts).hasSize(1);

        assertThat(admin.listTopics().names().get()).doesNotContain("dirtied-events").contains(ExtensionApp.TOPIC);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(info.amqpHost());
        factory.setPort(info.amqpPort());
        factory.setVirtualHost(virtualHosts.get(0));
        // Refused: the broker closes the socket, which amqp-client also logs as a WARN ("Socket closed").
        assertThatThrownBy(() -> factory.newConnection().close()).isInstanceOf(IOException.class);
    }

    @SpringBootTest(classes = ExtensionApp.class)
    @BrokerSandbox(topics = {@Topic(ExtensionApp.TOPIC), @Topic("dirtied-events")}, queues = @Queue(ExtensionApp.QUEUE))
    @DirtiesContext
    static class Dirtied {

        @Test
        void report(SandboxInfo info, Admin admin, TestReporter reporter) throws Exception {
            assertThat(admin.listTopics().names().get()).contains("dirtied-events");
            reporter.publishEntry(Map.of("virtualHost", info.amqpVirtualHost()));
        }
    }
}
