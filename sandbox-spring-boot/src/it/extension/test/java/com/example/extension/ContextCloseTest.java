package com.example.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;

import com.rabbitmq.client.ConnectionFactory;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A context's virtual host and topics go when the context closes (here through
 * {@code @DirtiesContext}), not when a class that used it ends, and a topic another live context
 * declared stays. The outer class is no Spring test: a context of its own would consume while the
 * fixtures' contexts start, which in a real suite happens only when classes run in parallel.
 */
@BrokerSandbox
class ContextCloseTest {

    @Test
    void closedContextsVirtualHostAndTopicsAreRemoved(SandboxInfo info, Admin admin) throws Exception {
        FixtureRuns.reported(Kept.class);
        Map<String, String> dirtied = FixtureRuns.reported(Dirtied.class);
        assertThat(dirtied.get("topics").split(",")).contains("dirtied-events");

        assertThat(admin.listTopics().names().get()).doesNotContain("dirtied-events").contains(ExtensionApp.TOPIC);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(info.amqpHost());
        factory.setPort(info.amqpPort());
        factory.setVirtualHost(dirtied.get("virtualHost"));
        // Refused: the broker closes the socket, which amqp-client also logs as a WARN ("Socket closed").
        assertThatThrownBy(() -> factory.newConnection().close()).isInstanceOf(IOException.class);
    }

    abstract static class Reporting {

        @Test
        void report(SandboxInfo info, Admin admin, TestReporter reporter) throws Exception {
            reporter.publishEntry(Map.of("virtualHost", info.amqpVirtualHost(),
                    "topics", String.join(",", admin.listTopics().names().get())));
        }
    }

    /** Its context stays cached and keeps {@link ExtensionApp#TOPIC}. */
    @SpringBootTest(classes = ExtensionApp.class)
    @BrokerSandbox(topics = @Topic(ExtensionApp.TOPIC), queues = @Queue(ExtensionApp.QUEUE))
    static class Kept extends Reporting {
    }

    @SpringBootTest(classes = ExtensionApp.class)
    @BrokerSandbox(topics = {@Topic(ExtensionApp.TOPIC), @Topic("dirtied-events")}, queues = @Queue(ExtensionApp.QUEUE))
    @DirtiesContext
    static class Dirtied extends Reporting {
    }
}
