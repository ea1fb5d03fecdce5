package dev.brokersandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.charset.StandardCharsets;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** {@code @BrokerSandbox(amqpUsers = @AmqpUser(..))}: users with permissions in the class's own virtual host. */
class AmqpUsersTest {

    @Test
    void aDeclaredUserMayDoWhatItsPermissionsSayInTheClasssVirtualHostAndNothingElse() {
        assertAllSucceed(Annotated.class, 2);
    }

    @Test
    void theBuilderRouteDeclaresTheSameUsers() {
        assertAllSucceed(Programmatic.class, 1);
    }

    @Test
    void aUserWithoutAPasswordNamesTheAnnotation() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(WithoutPassword.class)).execute().containerEvents()
                .assertThatEvents().haveExactly(1, event(container(WithoutPassword.class), finishedWithFailure(
                        instanceOf(ExtensionConfigurationException.class),
                        message("@AmqpUser(name = \"reporting\") on WithoutPassword: user \"reporting\" needs a password"))));
    }

    private static void assertAllSucceed(Class<?> fixture, int tests) {
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute().testEvents();
        assertThat(events.failed().stream().map(e -> e.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).map(Throwable::toString).orElse("?"))).isEmpty();
        events.assertStatistics(stats -> stats.started(tests).succeeded(tests));
    }

    static Connection connectAs(SandboxInfo info, String user, String password) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(info.amqpHost());
        factory.setPort(info.amqpPort());
        factory.setVirtualHost(info.amqpVirtualHost());
        factory.setUsername(user);
        factory.setPassword(password);
        factory.setAutomaticRecoveryEnabled(false);
        return factory.newConnection();
    }

    @BrokerSandbox(queues = @Queue("orders"),
                   amqpUsers = @AmqpUser(name = "reporting", password = "reporting-secret", configure = "", write = "",
                                         read = "^orders$"))
    static class Annotated {

        @Test
        void readsTheQueueItMayRead(Channel channel, SandboxInfo info) throws Exception {
            channel.basicPublish("", "orders", null, "order 1".getBytes(StandardCharsets.UTF_8));
            channel.queueDeclarePassive("orders"); // a round trip: the message is there
            try (Connection reporting = connectAs(info, "reporting", "reporting-secret")) {
                assertThat(reporting.createChannel().basicGet("orders", true)).isNotNull();
            }
        }

        @Test
        void isRefusedWhatItMayNotDo(SandboxInfo info) throws Exception {
            try (Connection reporting = connectAs(info, "reporting", "reporting-secret")) {
                Channel channel = reporting.createChannel();
                assertThatThrownBy(() -> channel.queueDeclare("its-own", false, false, true, null))
                        .rootCause().hasMessageContaining("reply-code=403, reply-text=ACCESS_REFUSED - access to queue "
                                + "'its-own' in vhost '" + info.amqpVirtualHost() + "' refused for user 'reporting'");
            }
        }
    }

    static class Programmatic {
        @RegisterExtension
        static SandboxExtension sandbox = SandboxExtension.builder()
                .queue("tasks").amqpUser("worker", "worker-secret", "", "^amq\\.default$", "^tasks$").build();

        @Test
        void publishesAndReads(SandboxInfo info) throws Exception {
            try (Connection worker = connectAs(info, "worker", "worker-secret")) {
                Channel channel = worker.createChannel();
                channel.confirmSelect();
                channel.basicPublish("", "tasks", null, "task".getBytes(StandardCharsets.UTF_8));
                channel.waitForConfirmsOrDie(10_000);
                assertThat(channel.basicGet("tasks", true)).isNotNull();
            }
        }
    }

    @BrokerSandbox(amqpUsers = @AmqpUser(name = "reporting", password = ""))
    static class WithoutPassword {
        @Test
        void never() {
        }
    }
}
