package dev.brokersandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.brokersandbox.compat.Targets;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sandbox on brokers it did not start: here those of another sandbox of this JVM (as a launcher
 * would run them) and, when the differential run names one, a real RabbitMQ with its management API.
 */
class ExternalBrokersTest {

    private static Sandbox brokers;

    @BeforeAll
    static void startTheBrokersThatPlayTheExternalOnes() {
        brokers = Sandbox.builder().kafka().amqp().start();
    }

    @AfterAll
    static void stopThem() {
        brokers.close();
    }

    private static ExternalBrokers.Builder external() {
        return ExternalBrokers.builder()
                .kafka(brokers.kafka().bootstrapServers(), Map.of("client.id", "external-test"))
                .amqp(brokers.amqp().uri(), brokers.amqp().managementUrl());
    }

    @Test
    void topicsAreCreatedOnTheExternalKafkaUnderTheRunsPrefixAndDeleted() throws Exception {
        try (Sandbox sandbox = Sandbox.builder().external(external().topicPrefix("run-1-").build())
                .kafka(k -> k.topic("orders", 2)).start();
             Admin admin = brokers.kafka().admin()) {
            KafkaBroker kafka = sandbox.kafka();

            assertThat(kafka.bootstrapServers()).isEqualTo(brokers.kafka().bootstrapServers());
            assertThat(kafka.topicName("orders")).isEqualTo("run-1-orders");
            assertThat(admin.listTopics().names().get()).contains("run-1-orders").doesNotContain("orders");
            assertThat(kafka.clientConfig()).containsEntry("client.id", "external-test");

            kafka.deleteTopics(Set.of("orders"));
            assertThat(admin.listTopics().names().get()).doesNotContain("run-1-orders");
        }
    }

    @Test
    void virtualHostsAreCreatedAndDeletedThroughTheManagementApi() throws Exception {
        try (Sandbox sandbox = Sandbox.builder().external(external().build()).amqp().start()) {
            AmqpBroker amqp = sandbox.amqp();
            amqp.createVirtualHost("external-vhost");
            amqp.declare("external-vhost", new AmqpSetup().queue("hello"));

            assertThat(brokers.amqp().overview("external-vhost").queues()).extracting(AmqpOverview.QueueInfo::name)
                    .contains("hello");
            try (Connection connection = amqp.connectionFactory("external-vhost").newConnection();
                 Channel channel = connection.createChannel()) {
                channel.queueDeclarePassive("hello");
            }
            assertThat(amqp.managementUrl()).isEqualTo(brokers.amqp().managementUrl());

            amqp.deleteVirtualHost("external-vhost");
            assertThatThrownBy(() -> brokers.amqp().overview("external-vhost")).isInstanceOf(SandboxException.class);
        }
    }

    @Test
    void whatOnlyStartedBrokersCanDoIsRefusedNamingTheReason() {
        try (Sandbox sandbox = Sandbox.builder().external(external().build()).start()) {
            assertThatThrownBy(() -> sandbox.kafka().restart()).isInstanceOf(NotOnExternalBrokersException.class)
                    .hasMessageStartingWith("Restarting Kafka (KafkaBroker.restart()) needs brokers the sandbox started");
            assertThatThrownBy(() -> sandbox.kafka().stopBroker(1)).isInstanceOf(NotOnExternalBrokersException.class);
            assertThatThrownBy(() -> sandbox.amqp().restart()).isInstanceOf(NotOnExternalBrokersException.class);
        }
        assertThatThrownBy(() -> Sandbox.builder().external(external().build())
                .dataDirectory(java.nio.file.Path.of("target", "never")).kafka().start())
                .hasStackTraceContaining("A data directory");
        assertThat(brokers.kafka().isRunning(1)).as("the external brokers, left running").isTrue();
    }

    @Test
    void reportNamesTheClusterIdBrokerCountAndRabbitMqVersion() {
        String report = external().topicPrefix("ci-7-").build().report();

        assertThat(report).startsWith("Broker Sandbox in external mode: Kafka at " + brokers.kafka().bootstrapServers()
                + " (cluster id ").contains(", 1 broker, topic prefix ci-7-); AMQP at 127.0.0.1:" + brokers.amqp().port()
                + " (RabbitMQ 3.10.8, management API " + brokers.amqp().managementUrl() + ")");
    }

    @Test
    void virtualHostsAreCreatedOnARealRabbitMqThroughItsManagementApi() throws Exception {
        String uri = System.getProperty(Targets.RABBITMQ_URI, "");
        String management = System.getProperty(Targets.RABBITMQ_MANAGEMENT, "");
        Assumptions.assumeTrue(!uri.isBlank() && !management.isBlank() && !management.startsWith("${"),
                "the differential run names no RabbitMQ with a management API");
        ExternalBrokers rabbit = ExternalBrokers.builder().amqp(uri, management).build();
        try (Sandbox sandbox = Sandbox.builder().external(rabbit).amqp().start()) {
            AmqpBroker amqp = sandbox.amqp();
            amqp.createVirtualHost("broker-sandbox-external-test");
            try {
                amqp.declare("broker-sandbox-external-test", new AmqpSetup().queue("hello"));
                try (Connection connection = amqp.connectionFactory("broker-sandbox-external-test").newConnection();
                     Channel channel = connection.createChannel()) {
                    assertThat(channel.queueDeclarePassive("hello").getMessageCount()).isZero();
                }
            } finally {
                amqp.deleteVirtualHost("broker-sandbox-external-test");
            }
            assertThat(rabbit.report()).contains("(RabbitMQ 3.10.8, management API " + management + ")");
        }
    }
}
