package dev.brokersandbox.junit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.brokersandbox.KafkaAwait;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** {@code @BrokerSandbox(tls = true)} and {@code SandboxExtension.builder().tls()}: clients injected ready for TLS. */
class TlsTest {

    /** What the fixtures saw while they ran, by fixture. */
    static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

    @Test
    void injectedClientsOfATlsClassTalkTlsToBothBrokers() {
        assertAllSucceed(3, selectClass(TlsClass.class));
    }

    @Test
    void theBuilderRouteGivesTheSameTls() {
        assertAllSucceed(1, selectClass(ProgrammaticTls.class));
    }

    @Test
    void tlsClassesAndPlainClassesDoNotShareABroker() {
        assertAllSucceed(2, selectClass(PlainClass.class), selectClass(ProgrammaticTls.class));
        assertThat(SEEN.get("plain port")).isNotNull().isNotEqualTo(SEEN.get("tls port"));
    }

    @Test
    void askingAPlainClassForItsTrustStoreSaysHowToTurnTlsOn() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(PlainAsksForTrust.class)).execute()
                .testEvents().assertThatEvents().haveExactly(1, event(test("trustStore"), finishedWithFailure(
                        instanceOf(IllegalStateException.class),
                        message("PlainAsksForTrust runs its brokers without TLS, so there is no trust store: use "
                                + "@BrokerSandbox(tls = true) (or SandboxExtension.builder().tls())"))));
    }

    /** Fails with the fixtures' own failures, so that a broken fixture says what broke. */
    private static void assertAllSucceed(int tests, DiscoverySelector... selectors) {
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectors).execute().testEvents();
        assertThat(events.failed().stream().map(e -> e.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).map(Throwable::toString).orElse("?"))).isEmpty();
        events.assertStatistics(stats -> stats.started(tests).succeeded(tests));
    }

    @BrokerSandbox(tls = true, topics = @Topic("tls-events"), queues = @Queue("tls-hello"))
    static class TlsClass {

        @Test
        void kafka(Producer<String, String> producer, Consumer<String, String> consumer) throws Exception {
            producer.send(new ProducerRecord<>("tls-events", "k", "sealed")).get();
            consumer.subscribe(List.of("tls-events"));
            assertThat(KafkaAwait.records(consumer, 1, Duration.ofSeconds(10))).extracting(ConsumerRecord::value)
                    .containsExactly("sealed");
        }

        @Test
        void amqp(Channel channel, ConnectionFactory factory) throws Exception {
            assertThat(factory.isSSL()).isTrue();
            channel.basicPublish("", "tls-hello", null, "sealed".getBytes(UTF_8));
            GetResponse response = channel.basicGet("tls-hello", true);
            assertThat(new String(response.getBody(), UTF_8)).isEqualTo("sealed");
        }

        @Test
        void info(SandboxInfo info) throws Exception {
            assertThat(info.amqpUri()).startsWith("amqps://");
            // One trust store file for every TLS broker of the JVM: Kafka's clients use the one SandboxInfo hands out.
            assertThat(info.kafkaClientConfig()).containsEntry("security.protocol", "SSL")
                    .containsEntry("ssl.truststore.location", info.trustStore().path().toString());
            assertThat(info.trustStore().path()).exists();
        }
    }

    static class ProgrammaticTls {

        @RegisterExtension
        static SandboxExtension sandbox = SandboxExtension.builder().tls().queue("q").build();

        @Test
        void amqps(SandboxInfo info, ConnectionFactory factory) throws Exception {
            assertThat(info.amqpUri()).startsWith("amqps://");
            factory.newConnection().close();
            SEEN.put("tls port", info.amqpPort());
        }
    }

    @BrokerSandbox(queues = @Queue("q"))
    static class PlainClass {

        @Test
        void amqp(SandboxInfo info, ConnectionFactory factory) {
            assertThat(factory.isSSL()).isFalse();
            SEEN.put("plain port", info.amqpPort());
        }
    }

    @BrokerSandbox
    static class PlainAsksForTrust {

        @Test
        void trustStore(SandboxInfo info) {
            info.trustStore();
        }
    }
}
