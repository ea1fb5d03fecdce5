package dev.brokersandbox.internal;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import kafka.server.BrokerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that depends on Kafka's server internals, in one place so that a Kafka upgrade
 * touches one file: the storage formatter, the KRaft server class, the bound-port lookup and
 * Kafka's exit procedures. One instance is one running combined broker+controller node.
 */
public final class KafkaEmbedding implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEmbedding.class);
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int NODE_ID = 1;

    /** How many embedded Kafka nodes run in this JVM; Kafka's exit procedures are overridden while > 0. */
    private static final AtomicInteger RUNNING = new AtomicInteger();

    private final Path logDir;
    private final KafkaRaftServer server;
    private final int port;
    private boolean closed;

    private KafkaEmbedding(Path logDir, KafkaRaftServer server, int port) {
        this.logDir = logDir;
        this.server = server;
        this.port = port;
    }

    /**
     * Formats a fresh log directory and starts a node on 127.0.0.1. Returns once the broker is
     * caught up with the metadata log and unfenced, so clients can use it at once.
     *
     * @param logDir an empty directory that this node owns
     * @param brokerPort the client port, 0 for an ephemeral one
     */
    public static KafkaEmbedding start(Path logDir, int brokerPort) {
        int controllerPort = Ports.freeLoopbackPort();
        Properties props = config(logDir, brokerPort, controllerPort);
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        format(logDir, config);
        overrideExitProcedures();
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
            return new KafkaEmbedding(logDir, server, boundPort(server));
        } catch (RuntimeException | Error e) {
            shutdownQuietly(server);
            restoreExitProcedures();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    public String bootstrapServers() {
        return Ports.LOOPBACK + ":" + port;
    }

    public Path logDir() {
        return logDir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            shutdownQuietly(server);
        } finally {
            restoreExitProcedures();
        }
    }

    private static Properties config(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + Ports.LOOPBACK + ":" + controllerPort);
        p.put("listeners", BROKER_LISTENER + "://" + Ports.LOOPBACK + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + Ports.LOOPBACK + ":" + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + Ports.LOOPBACK + ":" + brokerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());

        // One node: every internal topic must accept replication factor 1, or it is never created.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // One partition per internal topic: the first consumer group ever waits ~0.25 s instead of
        // ~0.5 s for its coordinator (measured, see FACTS.md).
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.num.partitions", "1");
        // Kafka's default of 3 s makes every new consumer group wait that long for its first record.
        p.put("group.initial.rebalance.delay.ms", "0");

        // Compaction and retention observable within a test: Kafka checks every 15 s (cleaner) and
        // every 5 min (retention), after a 30 s initial delay.
        p.put("log.cleaner.backoff.ms", "250");
        p.put("log.retention.check.interval.ms", "1000");
        p.put("log.initial.task.delay.ms", "0");
        p.put("log.segment.delete.delay.ms", "0");

        // Sized for tests on a laptop: the defaults are for a production server (128 MB cleaner
        // buffer, 8 I/O threads, 3 network threads).
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        p.put("log.cleaner.threads", "1");
        p.put("num.io.threads", "2");
        p.put("num.network.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("num.replica.fetchers", "1");
        return p;
    }

    private static void format(Path logDir, KafkaConfig config) {
        try {
            new Formatter()
                    // Kafka prints "Formatting metadata directory ..." to stdout otherwise.
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka's log directory " + logDir + ": " + e, e);
        }
    }

    /** The broker port after binding; {@link KafkaRaftServer} keeps its broker in a private field. */
    private static int boundPort(KafkaRaftServer server) {
        try {
            var field = KafkaRaftServer.class.getDeclaredField("broker");
            field.setAccessible(true);
            scala.Option<?> broker = (scala.Option<?>) field.get(server);
            return ((BrokerServer) broker.get()).boundPort(ListenerName.normalised(BROKER_LISTENER));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not read the Kafka broker's bound port from "
                    + KafkaRaftServer.class.getName() + " (did its internals change in this Kafka version?)", e);
        }
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Kafka did not shut down cleanly", e);
        }
    }

    /**
     * Kafka's fault handlers call {@code Exit.exit}/{@code Exit.halt} on fatal errors, which would
     * end the test JVM (silently, when no SLF4J provider is bound). While any embedded node runs,
     * a fatal error is logged instead and the node is left for the sandbox to close.
     */
    private static void overrideExitProcedures() {
        if (RUNNING.getAndIncrement() == 0) {
            Exit.setExitProcedure((code, message) -> LOG.error(
                    "Embedded Kafka asked to exit the JVM with status {} ({}); the test JVM keeps running", code, message));
            Exit.setHaltProcedure((code, message) -> LOG.error(
                    "Embedded Kafka asked to halt the JVM with status {} ({}); the test JVM keeps running", code, message));
        }
    }

    private static void restoreExitProcedures() {
        if (RUNNING.decrementAndGet() == 0) {
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
        }
    }
}
