package dev.brokersandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineTestKit;

/** {@code @Topic} on a test method gives that test its own fresh topics, gone after it. */
class MethodTopicsTest {

    @Test
    void methodTopicsExistForTheirTestOnly() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(MethodTopics.class)).execute()
                .testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    }

    @Test
    void aMethodTopicThatTheClassDeclaresIsAnError() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(DeclaredTwice.class)).execute()
                .testEvents().assertThatEvents().haveExactly(1, event(test("again"), finishedWithFailure(
                        instanceOf(ExtensionConfigurationException.class),
                        message("@Topic(\"orders\") on DeclaredTwice.again(): the class DeclaredTwice declares this "
                                + "topic already; declare it in one place"))));
    }

    @BrokerSandbox(topics = @Topic("method-topics-class"))
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class MethodTopics {
        @Test
        @Order(1)
        @Topic(name = "method-only", partitions = 4, config = "retention.ms=123456")
        @Topic("method-only-too")
        void hasItsOwnTopics(Admin admin) throws Exception {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of("method-only", "method-only-too"))
                    .allTopicNames().get();
            assertThat(topics.get("method-only").partitions()).hasSize(4);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "method-only");
            assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("retention.ms").value())
                    .isEqualTo("123456");
        }

        @Test
        @Order(2)
        void laterTestsDoNotSeeThem(Admin admin) throws Exception {
            assertThat(admin.listTopics().names().get()).contains("method-topics-class")
                    .doesNotContain("method-only", "method-only-too");
        }
    }

    @BrokerSandbox(topics = @Topic("orders"))
    static class DeclaredTwice {
        @Test
        @Topic("orders")
        void again() {
        }
    }
}
