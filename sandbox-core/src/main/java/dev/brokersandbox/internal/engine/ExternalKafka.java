package dev.brokersandbox.internal.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.brokersandbox.ExternalBrokers;
import dev.brokersandbox.NotOnExternalBrokersException;
import dev.brokersandbox.SandboxException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

/** A Kafka cluster the sandbox did not start: its address, its client properties, its size. */
final class ExternalKafka implements KafkaEngine {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ExternalBrokers external;
    private final int brokerCount;
    /** Null unless a reuse launcher runs this Kafka and takes topic work. */
    private final RemoteTopics remoteTopics;

    ExternalKafka(ExternalBrokers external) {
        this.external = external;
        this.brokerCount = ReuseLauncher.knownKafkaBrokers(external).orElseGet(() -> describe(external).nodes);
        this.remoteTopics = ReuseLauncher.remoteTopics(external);
    }

    /** The cluster's id and number of brokers, asked once: also whether it answers at all. */
    record Cluster(String id, int nodes) {
    }

    static Cluster describe(ExternalBrokers external) {
        Map<String, Object> config = new HashMap<>(external.kafkaClientProperties());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, external.kafkaBootstrapServers());
        try (Admin admin = Admin.create(config)) {
            var cluster = admin.describeCluster();
            return new Cluster(cluster.clusterId().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                    cluster.nodes().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).size());
        } catch (TimeoutException e) {
            throw new SandboxException("The external Kafka at " + external.kafkaBootstrapServers() + " did not answer within "
                    + TIMEOUT.toSeconds() + " s: are bootstrap.servers and the client properties (security.protocol, "
                    + "sasl.*) right?", e);
        } catch (ExecutionException e) {
            throw new SandboxException("The external Kafka at " + external.kafkaBootstrapServers() + " refused to describe "
                    + "its cluster: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while asking the external Kafka for its cluster", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return external.kafkaBootstrapServers();
    }

    @Override
    public int brokerCount() {
        return brokerCount;
    }

    @Override
    public String tlsCaCertificate() {
        return null; // its clients trust it through their own properties
    }

    @Override
    public Map<String, String> clientProperties() {
        return external.kafkaClientProperties();
    }

    @Override
    public String topicPrefix() {
        return external.topicPrefix();
    }

    @Override
    public RemoteTopics remoteTopics() {
        return remoteTopics;
    }

    @Override
    public void restart() {
        throw new NotOnExternalBrokersException("Restarting Kafka (KafkaBroker.restart())", external.toString());
    }

    @Override
    public void stopBroker(int id) {
        throw new NotOnExternalBrokersException("Stopping Kafka broker " + id + " (KafkaBroker.stopBroker)", external.toString());
    }

    @Override
    public void startBroker(int id) {
        throw new NotOnExternalBrokersException("Starting Kafka broker " + id + " (KafkaBroker.startBroker)", external.toString());
    }

    @Override
    public boolean isRunning(int id) {
        throw new NotOnExternalBrokersException("Asking whether Kafka broker " + id + " runs (KafkaBroker.isRunning)",
                external.toString());
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
