package dev.brokersandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.util.List;

import com.rabbitmq.client.Channel;
import dev.brokersandbox.Leftovers;
import dev.brokersandbox.junit.internal.Prestart;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The launcher starts the brokers a run will use while it discovers the tests, and the run takes
 * them over; the ones it will not use are never started.
 */
class PrestartTest {

    @Test
    void onlyTheBrokersTheSelectedClassesUseAreStartedAheadAndTheRunTakesThem() {
        List<String> before = Prestart.history();
        Leftovers leftovers = Leftovers.now();

        assertThat(run(request().selectors(selectClass(KafkaOnly.class)).build())).isEqualTo(1);

        assertThat(Prestart.history().subList(before.size(), Prestart.history().size()))
                .containsExactly("started kafka", "took kafka");
        leftovers.assertNothingNewRemains();
    }

    @Test
    void bothBrokersAreStartedAheadForAClassUsingBoth() {
        List<String> before = Prestart.history();

        assertThat(run(request().selectors(selectClass(UsesBoth.class)).build())).isEqualTo(1);

        assertThat(Prestart.history().subList(before.size(), Prestart.history().size()))
                .containsExactlyInAnyOrder("started kafka", "started amqp", "took kafka", "took amqp");
    }

    @Test
    void aTlsClassStartsNothingAheadAndASaslClassOnlyTheAmqpBroker() {
        List<String> before = Prestart.history();

        assertThat(run(request().selectors(selectClass(UsesBothOverTls.class), selectClass(UsesBothWithSasl.class))
                .build())).isEqualTo(2);

        // The shared default AMQP broker serves the SASL class; their secured brokers start when asked.
        assertThat(Prestart.history().subList(before.size(), Prestart.history().size()))
                .containsExactly("started amqp", "took amqp");
    }

    @Test
    void theConfigurationParameterTurnsStartingAheadOff() {
        List<String> before = Prestart.history();

        assertThat(run(request().selectors(selectClass(KafkaOnly.class))
                .configurationParameter("brokersandbox.prestart", "false").build())).isEqualTo(1);

        assertThat(Prestart.history()).isEqualTo(before);
    }

    /** Runs like Maven Surefire does: one launcher session, the test classes as selectors. */
    private static long run(LauncherDiscoveryRequest request) {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getLauncher().execute(request, summary);
        }
        return summary.getSummary().getTestsSucceededCount();
    }

    @BrokerSandbox(topics = @Topic("prestart"))
    static class KafkaOnly {
        @Test
        void produce(Producer<String, String> producer) throws Exception {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("prestart", "v")).get();
        }
    }

    @BrokerSandbox(tls = true)
    static class UsesBothOverTls {
        @Test
        void both(Producer<String, String> producer, Channel channel) {
            assertThat(channel.isOpen()).isTrue();
        }
    }

    @BrokerSandbox(kafkaSasl = "PLAIN", kafkaUsers = "alice:alice-secret")
    static class UsesBothWithSasl {
        @Test
        void both(Producer<String, String> producer, Channel channel) {
            assertThat(channel.isOpen()).isTrue();
        }
    }

    @BrokerSandbox
    static class UsesBoth {
        @Test
        void both(Producer<String, String> producer, Channel channel) {
            assertThat(channel.isOpen()).isTrue();
        }
    }
}
