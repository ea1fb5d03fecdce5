package dev.brokersandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.suppressed;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Injected clients are closed after their test; a failing close is reported, never hiding the test's own failure. */
class InjectedClientsLifecycleTest {

    static Producer<String, String> producer;
    static Consumer<String, String> consumer;
    static Connection connection;
    static Channel channel;
    static Thread poller;

    @AfterEach
    void stopPoller() throws InterruptedException {
        if (poller != null) {
            consumer.wakeup();
            poller.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(poller.isAlive()).as("the background poller ended").isFalse();
            poller = null;
        }
    }

    @Test
    void clientsAreClosedAfterTheTest() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(KeepsClients.class)).execute()
                .testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertThat(connection.isOpen()).isFalse();
        assertThat(channel.isOpen()).isFalse();
        assertThatThrownBy(() -> producer.send(new ProducerRecord<>("t", "v")))
                .hasMessageContaining("producer has been closed");
        assertThatThrownBy(() -> consumer.poll(Duration.ZERO)).hasMessageContaining("already been closed");
    }

    @Test
    void aCloseFailureFailsAnOtherwisePassingTest() throws Exception {
        EngineTestKit.engine("junit-jupiter").selectors(selectMethod(ConsumerStillInUse.class, "passes", "org.apache.kafka.clients.consumer.Consumer"))
                .execute().testEvents()
                .assertThatEvents().haveExactly(1, event(test("passes"), finishedWithFailure(closeFailure(
                        "Closing the Consumer injected into parameter 0 (Consumer) of "
                                + "ConsumerStillInUse.passes() failed: java.util.ConcurrentModificationException"))));
    }

    @Test
    void aCloseFailureDoesNotMaskTheTestsOwnFailure() throws Exception {
        EngineTestKit.engine("junit-jupiter").selectors(selectMethod(ConsumerStillInUse.class, "fails", "org.apache.kafka.clients.consumer.Consumer"))
                .execute().testEvents()
                .assertThatEvents().haveExactly(1, event(test("fails"), finishedWithFailure(
                        instanceOf(AssertionError.class), message("the test's own failure"),
                        suppressed(0, closeFailure("Closing the Consumer injected into parameter 0")))));
    }

    /** JUnit 5.13 and later report a Store value's failure to close wrapped, earlier versions as thrown. */
    private static Condition<Throwable> closeFailure(String messageStart) {
        Predicate<Throwable> matches = t -> t instanceof IllegalStateException && t.getMessage().startsWith(messageStart);
        return new Condition<>(t -> matches.test(t) || (t.getCause() != null && matches.test(t.getCause())),
                "an IllegalStateException, or one wrapped, with a message starting \"%s\"", messageStart);
    }

    @Test
    void channelsOfAClassShareAConnectionThatIsReplacedWhenATestClosesIt() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(SharesChannelConnection.class)).execute()
                .testEvents().assertStatistics(stats -> stats.succeeded(3));
    }

    @BrokerSandbox
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
    static class SharesChannelConnection {
        static Connection first;

        @Test
        @org.junit.jupiter.api.Order(1)
        void first(Channel ch) {
            first = ch.getConnection();
        }

        @Test
        @org.junit.jupiter.api.Order(2)
        void sameConnectionThenClosesIt(Channel ch) throws Exception {
            assertThat(ch.getConnection()).isSameAs(first);
            ch.getConnection().close();
        }

        @Test
        @org.junit.jupiter.api.Order(3)
        void freshConnectionAfterward(Channel ch) {
            assertThat(ch.getConnection()).isNotSameAs(first);
            assertThat(ch.isOpen()).isTrue();
        }
    }

    @BrokerSandbox(topics = @Topic("closing"))
    static class KeepsClients {
        @Test
        void keep(Producer<String, String> p, Consumer<String, String> c, Connection conn, Channel ch) {
            producer = p;
            consumer = c;
            connection = conn;
            channel = ch;
        }
    }

    /**
     * Leaves the injected consumer inside a poll on another thread, so closing it from the test
     * thread fails (Kafka consumers are single-threaded) until the outer test wakes the poll up.
     */
    @BrokerSandbox(topics = @Topic("closing"))
    static class ConsumerStillInUse {
        @Test
        void passes(Consumer<String, String> c) throws InterruptedException {
            pollInBackground(c);
        }

        @Test
        void fails(Consumer<String, String> c) throws InterruptedException {
            pollInBackground(c);
            throw new AssertionError("the test's own failure");
        }

        private static void pollInBackground(Consumer<String, String> c) throws InterruptedException {
            consumer = c;
            c.subscribe(List.of("closing"));
            poller = new Thread(() -> {
                try {
                    c.poll(Duration.ofSeconds(60));
                } catch (WakeupException expected) {
                    // the outer test woke it up
                } finally {
                    c.close();
                }
            }, "background-poller");
            poller.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!insidePoll(poller) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(insidePoll(poller)).as("the poller is inside poll()").isTrue();
        }

        /** Past the consumer's single-thread check: deeper in poll than its first statement. */
        private static boolean insidePoll(Thread thread) {
            return Arrays.stream(thread.getStackTrace()).anyMatch(frame ->
                    frame.getMethodName().equals("updateAssignmentMetadataIfNeeded")
                            || frame.getMethodName().equals("pollForFetches"));
        }
    }
}
