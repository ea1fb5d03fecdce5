package dev.brokersandbox.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import kafka.server.BrokerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded Kafka cluster, through Kafka's server internals: the storage formatter, the KRaft
 * server class and the bound-port lookup. What Kafka keeps per JVM rather than per server (exit
 * procedures, the metrics registry) is {@link KafkaJvmState}'s; how clients connect and log in
 * (TLS, SASL, SCRAM credentials) is {@link KafkaClientListener}'s and {@link ScramUsers}'. A Kafka
 * upgrade touches these four files.
 *
 * <p>One broker runs as a single combined broker+controller node. A cluster of n brokers runs n
 * broker-only nodes and one controller-only node, so that stopping a broker never costs the
 * metadata quorum. Nodes keep their ports and log directories across stop and start.
 */
public final class KafkaEmbedding implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEmbedding.class);
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /**
     * Brokers talk to each other here when clients must use TLS or log in: in one JVM, on loopback,
     * there is nothing to protect, and brokers then need neither a trust store nor credentials of
     * their own. Clients are never sent to it: a client keeps to the listener it connected through.
     */
    private static final String INTERNAL_LISTENER = "INTERNAL";
    private static final int CONTROLLER_ID = 0;
    /** Controllers listen here whatever the client listeners bind: nothing outside needs them. */
    private static final String LOOPBACK = "127.0.0.1";

    private final Node controller;
    private final List<Node> brokers;
    private final KafkaClientListener clientListener;
    private boolean closed;

    private KafkaEmbedding(Node controller, List<Node> brokers, KafkaClientListener clientListener) {
        this.controller = controller;
        this.brokers = brokers;
        this.clientListener = clientListener;
    }

    /**
     * Starts the nodes with their log directories under {@code baseDir}, formatting those that are
     * new (a directory Kafka formatted before keeps its cluster and its records). Returns once
     * every broker is caught up with the metadata log and unfenced.
     *
     * @param brokerCount how many brokers, at least 1
     * @param firstBrokerPort the first broker's client port (the others get free ones), 0 for a free one
     * @param host the address the client listeners bind; controllers always stay on 127.0.0.1
     * @param advertisedHost the host clients are told to connect to
     * @param tls whether clients connect with TLS, to a certificate of the JVM's {@link CertificateAuthority}
     * @param saslMechanism Kafka's name of the SASL mechanism clients authenticate with, or null for none
     * @param users Kafka's users, name to password, when {@code saslMechanism} is set
     */
    public static KafkaEmbedding start(Path baseDir, int brokerCount, int firstBrokerPort, String host,
                                       String advertisedHost, boolean tls, String saslMechanism,
                                       Map<String, String> users) {
        KafkaClientListener listener = KafkaClientListener.of(tls, saslMechanism, users, host, advertisedHost);
        String clusterId = Uuid.randomUuid().toString();
        int controllerPort = freeLoopbackPort();
        String voters = (brokerCount == 1 ? 1 : CONTROLLER_ID) + "@" + LOOPBACK + ":" + controllerPort;
        Node controller = brokerCount == 1 ? null
                : new Node(CONTROLLER_ID, "controller", baseDir.resolve("controller"), host, advertisedHost, 0,
                        controllerPort, voters, brokerCount, listener);
        List<Node> brokers = new ArrayList<>();
        for (int id = 1; id <= brokerCount; id++) {
            String roles = brokerCount == 1 ? "broker,controller" : "broker";
            brokers.add(new Node(id, roles, baseDir.resolve("node-" + id), host, advertisedHost,
                    id == 1 ? firstBrokerPort : 0,
                    brokerCount == 1 ? controllerPort : 0, voters, brokerCount, listener));
        }
        KafkaEmbedding embedding = new KafkaEmbedding(controller, brokers, listener);
        KafkaJvmState.clusterStarting();
        try {
            boolean keptStorage = false;
            for (Node node : embedding.nodes()) {
                if (node.isFormatted()) {
                    keptStorage = true;
                } else {
                    node.format(clusterId);
                }
            }
            for (Node node : embedding.nodes()) {
                node.start();
            }
            if (keptStorage && !listener.scramCredentials().isEmpty()) {
                Node first = brokers.get(0);
                ScramUsers.sync(LOOPBACK + ":" + first.internalPort, saslMechanism, users,
                        brokers.stream().map(b -> b.advertisedHost + ":" + b.port).collect(Collectors.toList()),
                        listener.clientSecurity());
            }
            return embedding;
        } catch (RuntimeException | Error e) {
            embedding.close();
            throw e;
        }
    }

    /** The version of Kafka inside. */
    public static String version() {
        return AppInfoParser.getVersion();
    }

    /** {@code <host>:<port>} of every broker, comma-separated, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return brokers.stream().map(b -> b.advertisedHost + ":" + b.port).collect(Collectors.joining(","));
    }

    public int brokerCount() {
        return brokers.size();
    }

    /** The PEM certificate of the authority clients must trust, or null when clients connect without TLS. */
    public String tlsCaCertificate() {
        return clientListener.caCertificate();
    }

    /** Stops broker {@code id} (1 to {@link #brokerCount()}); its data and port are kept for {@link #startBroker}. */
    public synchronized void stopBroker(int id) {
        broker(id).stop();
    }

    /** Starts broker {@code id} again on its old port with its old data; returns once it is unfenced. */
    public synchronized void startBroker(int id) {
        broker(id).start();
    }

    public synchronized boolean isRunning(int id) {
        return broker(id).server != null;
    }

    /** Stops every node, then starts them again: acknowledged records survive, addresses stay. */
    public synchronized void restart() {
        stopAll();
        for (Node node : nodes()) {
            node.start();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopAll();
        } finally {
            KafkaJvmState.clusterClosed();
        }
    }

    private void stopAll() {
        for (Node broker : brokers) {
            broker.stop();
        }
        if (controller != null) {
            controller.stop();
        }
    }

    /** Controller first: brokers wait for it when they start. */
    private List<Node> nodes() {
        List<Node> nodes = new ArrayList<>();
        if (controller != null) {
            nodes.add(controller);
        }
        nodes.addAll(brokers);
        return nodes;
    }

    private Node broker(int id) {
        if (closed) {
            throw new IllegalStateException("Kafka at " + bootstrapServers() + " is closed");
        }
        if (id < 1 || id > brokers.size()) {
            throw new IllegalArgumentException("broker " + id + " does not exist: this Kafka has brokers 1 to " + brokers.size());
        }
        return brokers.get(id - 1);
    }

    /** One KRaft node: its settings, its directory, its ports once bound, and its server while running. */
    private static final class Node {
        private final int id;
        private final String roles;
        private final Path logDir;
        private final String host;
        private final String advertisedHost;
        private final int controllerPort;
        private final String voters;
        private final int clusterSize;
        private final KafkaClientListener clientListener;
        private int port;
        /** Where the brokers talk to each other when clients must log in or use TLS; 0 otherwise. */
        private int internalPort;
        private KafkaRaftServer server;

        Node(int id, String roles, Path logDir, String host, String advertisedHost, int port, int controllerPort,
             String voters, int clusterSize, KafkaClientListener clientListener) {
            this.id = id;
            this.roles = roles;
            this.logDir = logDir;
            this.host = host;
            this.advertisedHost = advertisedHost;
            this.port = port;
            this.controllerPort = controllerPort;
            this.voters = voters;
            this.clusterSize = clusterSize;
            this.clientListener = clientListener;
        }

        boolean isBroker() {
            return roles.contains("broker");
        }

        boolean isFormatted() {
            return Files.exists(logDir.resolve("meta.properties"));
        }

        void format(String clusterId) {
            try {
                new Formatter()
                        // Kafka prints "Formatting metadata directory ..." to stdout otherwise.
                        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                        .setNodeId(id)
                        .setClusterId(clusterId)
                        .setDirectories(List.of(logDir.toString()))
                        .setMetadataLogDirectory(logDir.toString())
                        .setControllerListenerName(CONTROLLER_LISTENER)
                        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                        .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                        .setAdditionalBootstrapRecords(clientListener.scramCredentials())
                        .run();
            } catch (Exception e) {
                throw new IllegalStateException("Could not format Kafka's log directory " + logDir + ": " + e, e);
            }
        }

        void start() {
            if (server == null) {
                KafkaJvmState.startNode(logDir, this::startServer);
            }
        }

        private void startServer() {
            KafkaRaftServer starting = new KafkaRaftServer(KafkaConfig.fromProps(config(), false), Time.SYSTEM);
            try {
                starting.startup();
            } catch (RuntimeException | Error e) {
                shutdown(starting);
                throw e;
            }
            server = starting;
            if (isBroker()) {
                // Bound once, kept: a restarted broker must be reachable at the address clients know.
                port = boundPort(starting, clientListener.name());
                internalPort = clientListener.secured() ? boundPort(starting, INTERNAL_LISTENER) : 0;
            }
        }

        void stop() {
            if (server != null) {
                shutdown(server);
                server = null;
            }
        }

        private void shutdown(KafkaRaftServer stopping) {
            shutdownQuietly(stopping);
            KafkaJvmState.nodeStopped(logDir);
        }

        private Properties config() {
            Properties p = new Properties();
            p.put("process.roles", roles);
            p.put("node.id", String.valueOf(id));
            p.put("controller.quorum.voters", voters);
            p.put("controller.listener.names", CONTROLLER_LISTENER);
            String client = clientListener.name();
            boolean internal = clientListener.secured();
            p.put("listener.security.protocol.map", client + ":" + clientListener.protocol() + ","
                    + CONTROLLER_LISTENER + ":PLAINTEXT" + (internal ? "," + INTERNAL_LISTENER + ":PLAINTEXT" : ""));
            List<String> listeners = new ArrayList<>();
            if (isBroker()) {
                listeners.add(client + "://" + host + ":" + port);
                String advertised = client + "://" + advertisedHost + ":" + port;
                if (internal) {
                    // Port 0 here too: Kafka advertises the port it bound.
                    listeners.add(INTERNAL_LISTENER + "://" + LOOPBACK + ":0");
                    advertised += "," + INTERNAL_LISTENER + "://" + LOOPBACK + ":0";
                }
                p.put("advertised.listeners", advertised);
                p.put("inter.broker.listener.name", internal ? INTERNAL_LISTENER : client);
                p.putAll(clientListener.settings());
            }
            if (roles.contains("controller")) {
                listeners.add(CONTROLLER_LISTENER + "://" + LOOPBACK + ":" + controllerPort);
                // A cluster is there to test replication: topics are replicated unless they say otherwise.
                // (In KRaft the controller creates topics, so this belongs to its role.)
                p.put("default.replication.factor", String.valueOf(Math.min(3, clusterSize)));
            }
            p.put("listeners", String.join(",", listeners));
            p.put("log.dirs", logDir.toString());
            p.put("metadata.log.dir", logDir.toString());

            // Internal topics are replicated as far as the cluster allows; on one node they must
            // accept replication factor 1, or they are never created.
            String replicas = String.valueOf(Math.min(3, clusterSize));
            String minIsr = String.valueOf(Math.min(2, clusterSize));
            p.put("offsets.topic.replication.factor", replicas);
            p.put("transaction.state.log.replication.factor", replicas);
            p.put("transaction.state.log.min.isr", minIsr);
            p.put("share.coordinator.state.topic.replication.factor", replicas);
            p.put("share.coordinator.state.topic.min.isr", minIsr);
            // One partition per internal topic: the first consumer group ever waits ~0.25 s instead of
            // ~0.5 s for its coordinator (measured, see FACTS.md).
            p.put("offsets.topic.num.partitions", "1");
            p.put("transaction.state.log.num.partitions", "1");
            p.put("share.coordinator.state.topic.num.partitions", "1");
            // Kafka's default of 3 s makes every new consumer group wait that long for its first record.
            p.put("group.initial.rebalance.delay.ms", "0");
            // A broker is unfenced on a heartbeat, and a restarted one waits out its old session:
            // Kafka's 2 s / 9 s make start-up and restarts seconds slower than they need to be.
            p.put("broker.heartbeat.interval.ms", "500");
            p.put("broker.session.timeout.ms", "3000");

            // Compaction and retention observable within a test: Kafka checks every 15 s (cleaner) and
            // every 5 min (retention), after a 30 s initial delay.
            p.put("log.cleaner.backoff.ms", "250");
            p.put("log.retention.check.interval.ms", "1000");
            // Not 0: LogManager.startup schedules the first retention run before it creates the log
            // cleaner, and a run that sees no cleaner when it starts but one when it ends fails with
            // "Compaction for partition ... cannot be resumed since it is not paused" (seen on
            // restarts over existing data). Kafka's own default is 30 s.
            p.put("log.initial.task.delay.ms", "1000");
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
    }

    /** The broker port after binding; {@link KafkaRaftServer} keeps its broker in a private field. */
    private static int boundPort(KafkaRaftServer server, String listener) {
        try {
            var field = KafkaRaftServer.class.getDeclaredField("broker");
            field.setAccessible(true);
            scala.Option<?> broker = (scala.Option<?>) field.get(server);
            return ((BrokerServer) broker.get()).boundPort(ListenerName.normalised(listener));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not read the Kafka broker's bound port from "
                    + KafkaRaftServer.class.getName() + " (did its internals change in this Kafka version?)", e);
        }
    }

    /**
     * A port that was free a moment ago: {@code controller.quorum.voters} needs the controller's
     * port before it binds (port 0 is not allowed there). Everything else binds port 0.
     */
    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on " + LOOPBACK + ": " + e.getMessage(), e);
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
}
