package dev.brokersandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.test;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.brokersandbox.Leftovers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * What the extension opens is closed with the JUnit Store that holds it, also where JUnit closes
 * only {@code CloseableResource} values: JUnit before 5.13 always does, and 5.13 and later do with
 * {@value #AUTO_CLOSE} {@code = false}, which every run here sets. So these tests check, on any
 * JUnit, what users of 5.10 to 5.12 get.
 */
class StoreClosingTest {

    static final String AUTO_CLOSE = "junit.jupiter.extensions.store.close.autocloseable.enabled";

    static volatile Producer<String, String> producer;
    static volatile Connection connection;
    static volatile Channel channel;
    static volatile String virtualHost;

    @Test
    void aRunThatClosesOnlyCloseableResourcesStopsItsBrokersAndLeavesNothingBehind() {
        Leftovers before = Leftovers.now();

        run(selectClass(Shared.class), selectClass(PerClass.class)).assertStatistics(stats -> stats.succeeded(2));

        before.assertNothingNewRemains();
    }

    @Test
    void aClassesVirtualHostTopicsAndClientsAreGoneBeforeTheNextClassRuns() {
        run(selectClass(SecondChecksFirst.class), selectClass(First.class)).assertThatEvents()
                .haveExactly(1, event(test("keepClients"), finishedSuccessfully()))
                .haveExactly(1, event(test("declareAMethodTopic"), finishedSuccessfully()))
                .haveExactly(1, event(test("firstLeftNothing"), finishedSuccessfully()));

        assertThatThrownBy(() -> producer.send(new ProducerRecord<>("store-closing", "v")))
                .hasMessageContaining("producer has been closed");
    }

    private static org.junit.platform.testkit.engine.Events run(
            org.junit.platform.engine.DiscoverySelector... selectors) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(AUTO_CLOSE, "false")
                .configurationParameter("junit.jupiter.testclass.order.default", ClassOrderer.OrderAnnotation.class.getName())
                .selectors(selectors)
                .execute()
                .testEvents();
    }

    @BrokerSandbox(topics = @Topic("store-closing-shared"), queues = @Queue("store-closing"))
    static class Shared {
        @Test
        void useBoth(Producer<String, String> producer, Channel channel) throws Exception {
            producer.send(new ProducerRecord<>("store-closing-shared", "v")).get();
            channel.basicPublish("", "store-closing", null, new byte[] {1});
        }
    }

    @BrokerSandbox(lifecycle = BrokerSandbox.Lifecycle.PER_CLASS, queues = @Queue("store-closing"))
    static class PerClass {
        @Test
        void useAmqp(Channel channel) throws Exception {
            channel.basicPublish("", "store-closing", null, new byte[] {1});
        }
    }

    @Order(1)
    @BrokerSandbox(topics = @Topic("store-closing"), queues = @Queue("store-closing"))
    static class First {
        @Test
        void keepClients(Producer<String, String> p, Connection conn, Channel ch, SandboxInfo info) {
            producer = p;
            connection = conn;
            channel = ch;
            virtualHost = info.amqpVirtualHost();
        }

        @Test
        @Topic("store-closing-method")
        void declareAMethodTopic(Admin admin) throws Exception {
            assertThat(admin.listTopics().names().get()).contains("store-closing-method");
        }
    }

    /** Runs after First, on the same shared brokers. */
    @Order(2)
    @BrokerSandbox
    static class SecondChecksFirst {
        @Test
        void firstLeftNothing(Admin admin, ConnectionFactory factory) throws Exception {
            // First's class clean-up runs in the background while the next class starts: wait for it, bounded.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            Set<String> topics = admin.listTopics().names().get();
            boolean virtualHostExists = connects(factory, virtualHost);
            while ((topics.contains("store-closing") || virtualHostExists) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                topics = admin.listTopics().names().get();
                virtualHostExists = connects(factory, virtualHost);
            }
            SoftAssertions leftovers = new SoftAssertions();
            leftovers.assertThat(connection.isOpen()).as("First's injected connection is open").isFalse();
            leftovers.assertThat(channel.isOpen()).as("First's injected channel is open").isFalse();
            leftovers.assertThat(topics).as("topics left by First").doesNotContain("store-closing", "store-closing-method");
            leftovers.assertThat(virtualHostExists).as("First's virtual host %s exists", virtualHost).isFalse();
            leftovers.assertAll();
        }

        private static boolean connects(ConnectionFactory factory, String virtualHost) throws Exception {
            factory.setVirtualHost(virtualHost);
            try (Connection probe = factory.newConnection()) {
                return probe.isOpen();
            } catch (IOException refused) {
                return false;
            }
        }
    }
}
