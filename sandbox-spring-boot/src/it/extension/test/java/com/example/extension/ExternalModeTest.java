package com.example.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import dev.brokersandbox.Sandbox;
import dev.brokersandbox.SandboxException;
import dev.brokersandbox.internal.TempDirs;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import dev.brokersandbox.spring.ListenerAwait;
import org.apache.kafka.clients.admin.Admin;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.test.annotation.DirtiesContext;

/**
 * External mode: with {@code brokersandbox.external.*} set (here as system properties, pointing at
 * a sandbox this test starts, as a launcher would run it), an application context starts no broker
 * and works on the external ones: a virtual host of its own made through the management API, topics
 * behind the run's prefix (the application reads their real names from
 * {@code brokersandbox.kafka.topics.*}), the Kafka client properties passed on, and both removed
 * when the context closes.
 */
class ExternalModeTest {

    static final Map<String, String> SEEN = new ConcurrentHashMap<>();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static Sandbox external;

    @BeforeAll
    static void startTheExternalBrokers() {
        external = Sandbox.builder().kafka().amqp().start();
    }

    @AfterAll
    static void stopThem() {
        external.close();
    }

    @BeforeEach
    void forget() {
        SEEN.clear();
    }

    /** Runs {@code fixture} with external mode's settings as system properties, removed after it. */
    private static EngineExecutionResults runExternally(Class<?> fixture, Map<String, String> more) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("brokersandbox.external.kafka.bootstrap.servers", external.kafka().bootstrapServers());
        settings.put("brokersandbox.external.kafka.topic-prefix", "spring-7-");
        settings.put("brokersandbox.external.kafka.request.timeout.ms", "12345");
        settings.put("brokersandbox.external.kafka.security.protocol", "PLAINTEXT");
        settings.put("brokersandbox.external.amqp.uri", external.amqp().uri());
        settings.put("brokersandbox.external.amqp.management-url", external.amqp().managementUrl());
        settings.putAll(more);
        settings.forEach(System::setProperty);
        try {
            return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void contextRunsOnTheExternalBrokersInItsOwnVirtualHostAndPrefixedTopicsRemovedWhenItCloses() throws Exception {
        Set<Path> before = Set.copyOf(TempDirs.created());

        EngineExecutionResults results = runExternally(OnExternalBrokers.class, Map.of());

        assertThat(results.allEvents().failed().stream().map(event -> event.getRequiredPayload(TestExecutionResult.class)
                .getThrowable().orElseThrow())).as("failures").isEmpty();
        results.testEvents().assertStatistics(stats -> stats.succeeded(2).aborted(0));

        Set<Path> started = new HashSet<>(TempDirs.created());
        started.removeAll(before);
        assertThat(started).as("brokers started for the context: none in external mode").isEmpty();
        assertThat(SEEN).containsEntry("bootstrap", List.of(external.kafka().bootstrapServers()).toString())
                .containsEntry("amqpPort", String.valueOf(external.amqp().port()))
                .containsEntry("topic", "spring-7-external-events")
                .containsEntry("request.timeout.ms", "12345")
                .containsEntry("security.protocol", "PLAINTEXT");
        assertThat(SEEN.get("topicsDuring")).contains("spring-7-external-events");
        try (Admin admin = external.kafka().admin()) {
            assertThat(admin.listTopics().names().get()).as("topics after the context closed")
                    .doesNotContain("spring-7-external-events");
        }
        assertThatThrownBy(() -> external.amqp().overview(SEEN.get("vhost"))).as("the context's virtual host, after it closed")
                .isInstanceOf(SandboxException.class);
    }

    @Test
    void whatExternalBrokersCannotDoIsSkippedNamingTheReason() {
        Events events = runExternally(RestartsItsBrokers.class, Map.of()).testEvents();

        events.assertStatistics(stats -> stats.aborted(1).failed(0));
        events.assertThatEvents().haveExactly(1, event(test("restartKafka"), abortedWithReason(message(m -> m.startsWith(
                "Skipped on external brokers: Restarting Kafka (KafkaBroker.restart()) needs brokers the sandbox started")))));
    }

    @Test
    void classAskingForMoreKafkaBrokersThanTheExternalClusterHasIsSkipped() {
        Events events = runExternally(AsksForThreeKafkaBrokers.class, Map.of()).containerEvents();

        events.assertThatEvents().haveExactly(1, event(container(AsksForThreeKafkaBrokers.class), abortedWithReason(message(
                "Skipped on external brokers: AsksForThreeKafkaBrokers asks for 3 Kafka brokers (kafkaBrokers = 3), the "
                        + "external Kafka at " + external.kafka().bootstrapServers() + " has 1"))));
    }

    @Test
    void classWithAnInstancePerClassAskingForMoreKafkaBrokersIsSkippedBeforeSpringBuildsItsContext() {
        Events events = runExternally(AsksForThreeKafkaBrokersInstancePerClass.class, Map.of()).containerEvents();

        events.assertThatEvents().haveExactly(1, event(container(AsksForThreeKafkaBrokersInstancePerClass.class),
                abortedWithReason(message(m -> m.startsWith("Skipped on external brokers: "
                        + "AsksForThreeKafkaBrokersInstancePerClass asks for 3 Kafka brokers")))));
    }

    @Test
    void amqpUriQueryTheWiringCannotPassOnFailsNamingTheSetting() {
        Events events = runExternally(OnExternalBrokers.class,
                Map.of("brokersandbox.external.amqp.uri", external.amqp().uri() + "?heartbeat=5")).containerEvents();

        String expected = "brokersandbox.external.amqp.uri has the query \"heartbeat=5\", which the Spring Boot wiring "
                + "cannot pass on (Boot's RabbitConnectionDetails take host, port, user, password and virtual host): remove "
                + "it from the URI and set the application's spring.rabbitmq.* properties instead";
        events.assertThatEvents().haveExactly(1, event(container(OnExternalBrokers.class), finishedWithFailure(
                new Condition<>(failure -> causes(failure).anyMatch(t -> String.valueOf(t.getMessage()).startsWith(expected)),
                        "caused by: " + expected))));
    }

    /** Spring wraps what fails while it builds a context. */
    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, Throwable::getCause);
    }

    /** An application that reads the real topic name from the property the sandbox sets. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Received.class)
    static class ExternalApp {
    }

    static class Received {

        final List<String> values = new CopyOnWriteArrayList<>();

        @KafkaListener(topics = "${brokersandbox.kafka.topics.external-events:external-events}", groupId = "external-app")
        void onRecord(String value) {
            values.add("kafka:" + value);
        }

        @RabbitListener(queues = "external-inbox")
        void onMessage(String value) {
            values.add("amqp:" + value);
        }
    }

    @SpringBootTest(classes = ExternalApp.class)
    @BrokerSandbox(topics = @Topic("external-events"), queues = @Queue("external-inbox"))
    @DirtiesContext
    static class OnExternalBrokers {

        @Autowired
        Received received;

        @Test
        void listenersReceiveOnTheExternalBrokers(@Autowired KafkaTemplate<String, String> kafka, @Autowired RabbitTemplate rabbit,
                                                  @Autowired Environment environment, SandboxInfo info, Admin admin)
                throws Exception {
            String topic = environment.getProperty("brokersandbox.kafka.topics.external-events");
            // The application's producer is transactional (the test class path's application.properties).
            kafka.executeInTransaction(operations -> operations.send(topic, "k", "to-kafka")).get();
            rabbit.convertAndSend("", "external-inbox", "to-amqp");

            ListenerAwait.until("both listeners to receive", TIMEOUT,
                    () -> received.values.containsAll(List.of("kafka:to-kafka", "amqp:to-amqp")));
            SEEN.put("topic", topic);
            SEEN.put("topicsDuring", admin.listTopics().names().get().toString());
            SEEN.put("vhost", info.amqpVirtualHost());
        }

        @Test
        void clientsConnectWithTheExternalSettings(@Autowired ProducerFactory<?, ?> producers,
                                                   @Autowired ConnectionFactory connections,
                                                   @Autowired Environment environment, SandboxInfo info) {
            Map<String, Object> config = producers.getConfigurationProperties();
            SEEN.put("bootstrap", String.valueOf(config.get("bootstrap.servers")));
            SEEN.put("request.timeout.ms", String.valueOf(config.get("request.timeout.ms")));
            SEEN.put("security.protocol", String.valueOf(config.get("security.protocol")));
            SEEN.put("amqpPort", String.valueOf(connections.getPort()));
            assertThat(connections.getVirtualHost()).isEqualTo(info.amqpVirtualHost())
                    .isEqualTo(environment.getProperty("spring.rabbitmq.virtual-host"));
        }
    }

    @SpringBootTest(classes = ExternalApp.class)
    @BrokerSandbox(topics = @Topic("external-events"), queues = @Queue("external-inbox"),
            lifecycle = BrokerSandbox.Lifecycle.PER_CLASS)
    @DirtiesContext
    static class RestartsItsBrokers {

        @Test
        void restartKafka(Sandbox sandbox) {
            sandbox.kafka().restart();
        }
    }

    @SpringBootTest(classes = ExternalApp.class)
    @BrokerSandbox(kafkaBrokers = 3, queues = @Queue("external-inbox"))
    @DirtiesContext
    static class AsksForThreeKafkaBrokers {

        @Test
        void neverRuns() {
        }
    }

    @SpringBootTest(classes = ExternalApp.class)
    @BrokerSandbox(kafkaBrokers = 3, queues = @Queue("external-inbox"))
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DirtiesContext
    static class AsksForThreeKafkaBrokersInstancePerClass {

        @Test
        void neverRuns() {
        }
    }
}
