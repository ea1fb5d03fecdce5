package dev.brokersandbox.internal.engine;

import java.util.Map;

/**
 * A running Kafka, whichever engine runs it. Only JDK types in and out: the embedded engine's
 * implementation lives in another classloader.
 */
public interface KafkaEngine extends AutoCloseable {

    /** {@code <host>:<port>} of every broker, comma-separated. */
    String bootstrapServers();

    int brokerCount();

    /** The PEM certificate of the authority that signed the brokers' TLS certificates; null without TLS. */
    String tlsCaCertificate();

    /** Stops and starts every node, keeping data and addresses. */
    void restart();

    /** Stops broker {@code id} (1 to {@link #brokerCount()}), keeping its data and port. */
    void stopBroker(int id);

    void startBroker(int id);

    boolean isRunning(int id);

    /** Properties every client of this Kafka needs beyond {@code bootstrap.servers} (an external cluster's security). */
    default Map<String, String> clientProperties() {
        return Map.of();
    }

    /** Put before every topic name the sandbox creates; see {@code ExternalBrokers.Builder#topicPrefix}. */
    default String topicPrefix() {
        return "";
    }

    /**
     * Topic work done by the process that runs this Kafka (a reuse launcher); null, the default: the
     * caller uses an Admin client of its own.
     */
    default RemoteTopics remoteTopics() {
        return null;
    }

    /** Stops the brokers; idempotent. */
    @Override
    void close();
}
