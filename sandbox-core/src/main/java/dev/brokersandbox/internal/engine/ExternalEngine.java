package dev.brokersandbox.internal.engine;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.brokersandbox.ExternalBrokers;
import dev.brokersandbox.SandboxException;
import dev.brokersandbox.internal.BrokerLogLevels;
import dev.brokersandbox.NotOnExternalBrokersException;
import dev.brokersandbox.SandboxOptions;

/**
 * Brokers that run elsewhere ({@link ExternalBrokers}): starting one connects to it and starts
 * nothing; a side {@code external} does not name runs in this JVM ({@link EmbeddedEngine}). The
 * engine seam's second implementation; the launcher's reuse mode attaches through it too.
 */
public final class ExternalEngine implements Engine {

    private final ExternalBrokers external;

    public ExternalEngine(ExternalBrokers external) {
        this.external = external;
    }

    @Override
    public KafkaEngine startKafka(SandboxOptions options) {
        if (!external.hasKafka()) {
            return EmbeddedEngine.get().startKafka(options);
        }
        refuseDataDirectory(options);
        return new ExternalKafka(external);
    }

    @Override
    public AmqpEngine startAmqp(SandboxOptions options, String username, String password) {
        if (!external.hasAmqp()) {
            return EmbeddedEngine.get().startAmqp(options, username, password);
        }
        refuseDataDirectory(options);
        return new ExternalAmqp(external);
    }

    /**
     * One line for a log: the mode, the brokers and their versions, asked of them now (Kafka's
     * cluster id and broker count, the version in RabbitMQ's server properties).
     */
    public static String report(ExternalBrokers external) {
        BrokerLogLevels.apply(); // before the first Kafka client, whose configuration dump is no report
        StringBuilder line = new StringBuilder("Broker Sandbox in external mode: ");
        if (external.hasKafka()) {
            ExternalKafka.Cluster cluster = ExternalKafka.describe(external);
            line.append("Kafka at ").append(external.kafkaBootstrapServers()).append(" (cluster id ").append(cluster.id())
                    .append(", ").append(cluster.nodes()).append(cluster.nodes() == 1 ? " broker" : " brokers")
                    .append(external.topicPrefix().isEmpty() ? "" : ", topic prefix " + external.topicPrefix()).append(')');
        } else {
            line.append("Kafka in this JVM");
        }
        line.append("; ");
        if (external.hasAmqp()) {
            line.append("AMQP at ").append(external.amqpUri().getHost()).append(':').append(external.amqpUri().getPort())
                    .append(" (").append(rabbitmqVersion(external)).append(", management API ")
                    .append(external.managementUrl()).append(')');
        } else {
            line.append("AMQP in this JVM");
        }
        return line.toString();
    }

    private static String rabbitmqVersion(ExternalBrokers external) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(external.amqpUri());
            factory.setAutomaticRecoveryEnabled(false);
            factory.setConnectionTimeout(30_000);
            try (Connection connection = factory.newConnection("broker-sandbox-report")) {
                Map<String, Object> properties = connection.getServerProperties();
                return properties.get("product") + " " + properties.get("version");
            }
        } catch (IOException | TimeoutException | GeneralSecurityException e) {
            throw new SandboxException("Could not connect to the external AMQP broker at " + external.amqpUri().getHost()
                    + ":" + external.amqpUri().getPort() + ": " + e + ". Is brokersandbox.external.amqp.uri right?", e);
        }
    }

    private void refuseDataDirectory(SandboxOptions options) {
        if (options.dataDirectory() != null) {
            throw new NotOnExternalBrokersException("A data directory (" + options.dataDirectory() + ")", external.toString());
        }
    }
}
