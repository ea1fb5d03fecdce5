package com.example.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import dev.brokersandbox.junit.Topic;
import dev.brokersandbox.spring.ListenerAwait;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Two cached contexts of one application share a consumer group on one topic; only the context of
 * the running class consumes (Spring 7 pauses the other itself, the module does on Spring 6), and
 * a context used again starts consuming again.
 */
class ContextPausingTest {

    private static final String GROUP = "pausing";

    @Test
    void onlyTheRunningClassesContextConsumes() {
        for (Class<?> fixture : List.of(Earlier.class, Later.class, Earlier.class)) {
            Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute().testEvents();
            tests.failed().stream().findFirst().ifPresent(failed -> {
                throw new AssertionError(fixture.getSimpleName() + " failed",
                        failed.getRequiredPayload(TestExecutionResult.class).getThrowable().orElse(null));
            });
            tests.assertStatistics(stats -> stats.started(1).succeeded(1));
        }
    }

    /** Sends a record its own listener must get, with one member in the shared group: its own. */
    abstract static class Consuming {

        @Test
        void ownListenerAloneConsumes(Producer<String, String> producer, Admin admin, @Autowired ExtensionApp.Received received)
                throws Exception {
            String value = UUID.randomUUID().toString();
            producer.send(new ProducerRecord<>(ExtensionApp.TOPIC, "k", value)).get();

            ListenerAwait.until("this context's @KafkaListener to receive " + value, Duration.ofSeconds(20),
                    () -> received.contains("kafka:" + value));
            assertThat(admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP).members())
                    .as("members of consumer group %s", GROUP).hasSize(1);
        }
    }

    @SpringBootTest(classes = ExtensionApp.class, properties = {"extension.group=" + GROUP, "fixture=earlier"})
    @BrokerSandbox(topics = @Topic(ExtensionApp.TOPIC), queues = @Queue(ExtensionApp.QUEUE))
    static class Earlier extends Consuming {
    }

    @SpringBootTest(classes = ExtensionApp.class, properties = {"extension.group=" + GROUP, "fixture=later"})
    @BrokerSandbox(topics = @Topic(ExtensionApp.TOPIC), queues = @Queue(ExtensionApp.QUEUE))
    static class Later extends Consuming {
    }
}
