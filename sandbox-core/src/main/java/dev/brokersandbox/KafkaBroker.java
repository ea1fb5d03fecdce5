package dev.brokersandbox;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import dev.brokersandbox.internal.ClientJmx;
import dev.brokersandbox.internal.engine.Engine;
import dev.brokersandbox.internal.engine.KafkaEngine;
import dev.brokersandbox.internal.engine.RemoteTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running KRaft Kafka (one node, or a cluster of several brokers), and the clients that talk to it.
 * Obtain it from {@link Sandbox#kafka()}; the sandbox closes it. On an external Kafka
 * ({@link Sandbox.Builder#external}) its clients get the external cluster's client properties,
 * topics are named with its prefix ({@link #topicName}), and restarting or stopping brokers throws
 * {@link NotOnExternalBrokersException}.
 *
 * <p>Client defaults chosen for tests (each can be overridden through the {@code overrides} map):
 * <ul>
 *   <li>producer: String keys and values, {@code acks=all} (a record the test saw acknowledged is
 *       really stored);</li>
 *   <li>consumer: String keys and values, {@code auto.offset.reset=earliest} (a consumer started
 *       after the producer still sees the records), {@code fetch.max.wait.ms=10} (Kafka's 500 ms
 *       default makes every {@code close()} wait half a second for the fetch parked at the broker).</li>
 * </ul>
 * Every client it makes starts from {@link #clientConfig()}: with {@link Sandbox.Builder#tls() TLS}
 * or {@link Sandbox.Builder#kafkaSasl SASL} it trusts the sandbox's certificate authority and logs in.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    /**
     * A consumer's {@code close()} waits for the fetch it has parked at the broker, up to this long.
     * Kafka's 500 ms made every close cost half a second; at 10 ms a close takes about 15 ms
     * (measured), and an idle consumer asks the broker a hundred times a second, which on loopback
     * costs next to nothing.
     */
    private static final int FETCH_MAX_WAIT_MS = 10;

    private final KafkaEngine node;
    /** Null unless clients connect with TLS. */
    private final SandboxTrustStore trustStore;
    /** Null unless clients authenticate. */
    private final KafkaSaslMechanism sasl;
    private final List<KafkaUser> users;
    private Admin sharedAdmin;
    private volatile boolean closed;

    private KafkaBroker(KafkaEngine node, SandboxTrustStore trustStore, SandboxOptions options) {
        this.node = node;
        this.trustStore = trustStore;
        this.sasl = options.kafkaSasl();
        this.users = options.kafkaUsers();
    }

    static KafkaBroker start(Engine engine, SandboxOptions options) {
        KafkaEngine node = engine.startKafka(options);
        try {
            String ca = node.tlsCaCertificate();
            return new KafkaBroker(node, ca == null ? null : SandboxTrustStore.acquire(ca), options);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** {@code 127.0.0.1:<port>} (one per broker, comma-separated), for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return node.bootstrapServers();
    }

    /** Whether clients connect with TLS ({@code security.protocol=SSL}); see {@link Sandbox.Builder#tls()}. */
    public boolean tls() {
        return trustStore != null;
    }

    /**
     * The trust store that makes a client trust this Kafka's TLS certificate; the clients of
     * {@link #clientConfig()} already use it.
     *
     * @throws IllegalStateException if this Kafka runs without TLS
     */
    public SandboxTrustStore trustStore() {
        if (trustStore == null) {
            throw new IllegalStateException("Kafka at " + bootstrapServers() + " runs without TLS, so it has no trust "
                    + "store: start the sandbox with TLS (Sandbox.builder().tls()) to get one");
        }
        return trustStore;
    }

    /**
     * What every client of this Kafka needs, whatever its serializers: {@code bootstrap.servers};
     * with TLS, {@code security.protocol=SSL} and the trust store ({@code ssl.truststore.location},
     * {@code .password}, {@code .type}); with SASL, {@code security.protocol=SASL_PLAINTEXT} (or
     * {@code SASL_SSL}), {@code sasl.mechanism} and a {@code sasl.jaas.config} that logs in as the
     * first declared user. A new mutable map: add a client's own settings to it.
     */
    public Map<String, Object> clientConfig() {
        return clientConfig(sasl == null ? null : users.get(0));
    }

    /**
     * {@link #clientConfig()}, logged in as {@code user}, one of the users declared with
     * {@link Sandbox.Builder#kafkaSasl(KafkaSaslMechanism, KafkaUser, KafkaUser...)}.
     *
     * @throws IllegalStateException if this Kafka runs without SASL
     * @throws IllegalArgumentException if no such user was declared
     */
    public Map<String, Object> clientConfig(String user) {
        if (sasl == null) {
            throw new IllegalStateException("Kafka at " + bootstrapServers() + " runs without SASL, so clients log in as "
                    + "nobody: start the sandbox with Sandbox.builder().kafkaSasl(mechanism, users) to have users");
        }
        return clientConfig(users.stream().filter(u -> u.name().equals(user)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Kafka user \"" + user + "\" is not declared; this Kafka "
                        + "has users " + users.stream().map(KafkaUser::name).toList() + ": declare it with kafkaSasl(..)")));
    }

    private Map<String, Object> clientConfig(KafkaUser user) {
        Map<String, Object> config = new HashMap<>(node.clientProperties()); // an external cluster's security
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        String protocol = (sasl == null ? "" : "SASL_") + (trustStore == null ? "PLAINTEXT" : "SSL");
        if (!protocol.equals("PLAINTEXT")) {
            config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        }
        if (trustStore != null) {
            config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, trustStore.path().toString());
            config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, trustStore.password());
            config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, trustStore.type());
        }
        if (sasl != null) {
            config.put(SaslConfigs.SASL_MECHANISM, sasl.mechanismName());
            config.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(sasl, user));
        }
        return config;
    }

    /** A client's {@code sasl.jaas.config} for {@code user}: quotes and backslashes escaped, as Kafka's parser reads them. */
    private static String jaasConfig(KafkaSaslMechanism mechanism, KafkaUser user) {
        String module = mechanism == KafkaSaslMechanism.PLAIN ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return module + " required username=" + quoted(user.name()) + " password=" + quoted(user.password()) + ";";
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /**
     * The name of the topic declared as {@code declared}: the same, unless the sandbox runs on an
     * external Kafka with a topic prefix ({@link ExternalBrokers.Builder#topicPrefix}), which it then
     * puts before every topic it creates and deletes. Tests that share a cluster produce to and
     * consume from this name.
     */
    public String topicName(String declared) {
        return node.topicPrefix() + declared;
    }

    /** How many brokers this Kafka has; see {@link Sandbox.Builder#kafkaBrokers(int)}. */
    public int brokerCount() {
        return node.brokerCount();
    }

    /**
     * Stops and starts every node of this Kafka, keeping its data and ports: records acknowledged
     * with {@code acks=all} survive, the bootstrap address stays the same, and clients reconnect
     * by themselves. Returns once the brokers are ready again.
     */
    public void restart() {
        requireOpen("restart()");
        node.restart();
    }

    /**
     * Stops broker {@code id} (1 to {@link #brokerCount()}), as a crash would, keeping its data
     * and port for {@link #startBroker(int)}. With replicated topics the others carry on.
     */
    public void stopBroker(int id) {
        requireOpen("stopBroker(" + id + ")");
        node.stopBroker(id);
    }

    /** Starts a broker stopped by {@link #stopBroker(int)} again; returns once it is ready. */
    public void startBroker(int id) {
        requireOpen("startBroker(" + id + ")");
        node.startBroker(id);
    }

    /** Whether broker {@code id} is running; none is once this Kafka is closed. */
    public boolean isRunning(int id) {
        return !closed && node.isRunning(id);
    }

    /**
     * A new String/String producer with {@code acks=all}. The caller closes it. Like every client
     * the sandbox makes, it registers no MBean per metric ({@code metric.reporters} is empty: the
     * metrics are in {@code metrics()}); an override of {@code metric.reporters} brings them back.
     */
    public Producer<String, String> producer() {
        return producer(Map.of());
    }

    /** A new String/String producer; {@code overrides} win over the defaults. The caller closes it. */
    public Producer<String, String> producer(Map<String, Object> overrides) {
        requireOpen("producer()");
        return new KafkaProducer<>(producerConfig(overrides));
    }

    /** The configuration {@link #producer(Map)} uses, for producers with other serializers. */
    public Map<String, Object> producerConfig(Map<String, Object> overrides) {
        Map<String, Object> config = ClientJmx.off(clientConfig(), ProducerConfig.configNames());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putAll(overrides);
        return config;
    }

    /** A new String/String consumer in {@code groupId}, reading from the earliest offset. The caller closes it. */
    public Consumer<String, String> consumer(String groupId) {
        return consumer(groupId, Map.of());
    }

    /** A new String/String consumer in {@code groupId}; {@code overrides} win over the defaults. */
    public Consumer<String, String> consumer(String groupId, Map<String, Object> overrides) {
        requireOpen("consumer()");
        return new KafkaConsumer<>(consumerConfig(groupId, overrides));
    }

    /** The configuration {@link #consumer(String, Map)} uses, for consumers with other deserializers. */
    public Map<String, Object> consumerConfig(String groupId, Map<String, Object> overrides) {
        Map<String, Object> config = ClientJmx.off(clientConfig(), ConsumerConfig.configNames());
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        config.putAll(overrides);
        return config;
    }

    /** A new admin client, without MBeans for its metrics (see {@link #producer()}). The caller closes it. */
    public Admin admin() {
        requireOpen("admin()");
        return Admin.create(ClientJmx.off(clientConfig(), AdminClientConfig.configNames()));
    }

    /**
     * Creates the topics of {@code setup}; a topic that already exists is deleted first, so the
     * caller always gets empty topics with exactly the partitions and configs asked for.
     */
    public void recreateTopics(KafkaSetup setup) {
        List<KafkaSetup.TopicSpec> specs = prefixed(setup.topics());
        if (specs.isEmpty()) {
            return;
        }
        RemoteTopics remote = node.remoteTopics();
        if (remote != null) {
            requireOpen("topic operations");
            remote.recreate(specs.stream().<Map<String, Object>>map(t -> Map.of("name", t.name(), "partitions",
                    t.partitions(), "replicationFactor", t.replicationFactor(), "config", t.config())).toList());
            return;
        }
        deleteNamedTopics(specs.stream().map(KafkaSetup.TopicSpec::name).collect(Collectors.toList()));
        try {
            create(specs);
        } catch (TopicExistsException e) {
            throw new SandboxException("Kafka still held topics " + names(specs)
                    + " after deleting them; another test may be writing to the same topic names", e);
        }
    }

    /**
     * Creates the topics of {@code setup} that do not exist yet; existing ones keep their records
     * and partitions. For a sandbox that keeps its data ({@link Sandbox.Builder#dataDirectory}).
     */
    public void createMissingTopics(KafkaSetup setup) {
        Set<String> existing = await(admin0().listTopics().names(), "listing topics");
        List<KafkaSetup.TopicSpec> missing = prefixed(setup.topics()).stream()
                .filter(t -> !existing.contains(t.name()))
                .collect(Collectors.toList());
        if (!missing.isEmpty()) {
            create(missing);
        }
    }

    private void create(List<KafkaSetup.TopicSpec> specs) {
        List<NewTopic> newTopics = specs.stream()
                .map(t -> new NewTopic(t.name(), Optional.of(t.partitions()), t.replicationFactor() == 0
                        ? Optional.empty() : Optional.of((short) t.replicationFactor())).configs(t.config()))
                .collect(Collectors.toList());
        await(admin0().createTopics(newTopics).all(), "creating topics " + names(specs));
        List<String> created = specs.stream().map(KafkaSetup.TopicSpec::name).collect(Collectors.toList());
        awaitMetadata("topics " + created + " to have a leader for every partition", () -> {
            try {
                return admin0().describeTopics(created).allTopicNames().get().values().stream()
                        .allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
            } catch (ExecutionException notYetKnown) {
                return false;
            }
        });
    }

    private List<KafkaSetup.TopicSpec> prefixed(List<KafkaSetup.TopicSpec> specs) {
        return specs.stream().map(t -> new KafkaSetup.TopicSpec(topicName(t.name()), t.partitions(), t.replicationFactor(),
                t.config())).collect(Collectors.toList());
    }

    /**
     * Deletes the topics declared with these names ({@link #topicName(String)}) with their records;
     * names that do not exist, or a closed Kafka, are ignored.
     */
    public void deleteTopics(Collection<String> names) {
        deleteNamedTopics(names.stream().map(this::topicName).collect(Collectors.toList()));
    }

    private void deleteNamedTopics(Collection<String> names) {
        if (names.isEmpty() || closed) {
            return;
        }
        RemoteTopics remote = node.remoteTopics();
        if (remote != null) {
            remote.delete(List.copyOf(names));
            return;
        }
        Set<String> existing = await(admin0().listTopics().names(), "listing topics");
        List<String> toDelete = names.stream().filter(existing::contains).collect(Collectors.toList());
        if (toDelete.isEmpty()) {
            return;
        }
        try {
            await(admin0().deleteTopics(toDelete).all(), "deleting topics " + toDelete);
        } catch (UnknownTopicOrPartitionException e) {
            LOG.debug("Topics {} were deleted concurrently", toDelete);
        }
        awaitMetadata("topics " + toDelete + " to be gone", () -> {
            Set<String> left = admin0().listTopics().names().get();
            return toDelete.stream().noneMatch(left::contains);
        });
    }

    /**
     * The controller answers a topic change once it is committed; the broker serving clients
     * learns of it a moment later. Waiting for that here means a test never sees a deleted topic
     * still listed, nor a new one without a leader.
     */
    private void awaitMetadata(String what, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        try {
            while (!condition.call()) {
                if (System.nanoTime() > deadline) {
                    throw new SandboxException("Kafka at " + bootstrapServers() + " did not report " + what
                            + " within " + ADMIN_TIMEOUT.toSeconds() + " s");
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while waiting for " + what, e);
        } catch (SandboxException e) {
            throw e;
        } catch (Exception e) {
            throw new SandboxException("Kafka at " + bootstrapServers() + " failed while waiting for " + what + ": " + e, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (sharedAdmin != null) {
                sharedAdmin.close(Duration.ofSeconds(5));
            }
        } finally {
            try {
                node.close();
            } finally {
                if (trustStore != null) {
                    trustStore.release();
                }
            }
        }
    }

    /**
     * Fails at once on a closed Kafka, saying so: started again, its threads would outlive the
     * sandbox and keep the JVM from exiting.
     */
    private void requireOpen(String operation) {
        if (closed) {
            throw new IllegalStateException("Kafka broker at " + bootstrapServers() + " is closed: " + operation
                    + " needs a running sandbox; start a new one");
        }
    }

    /** One admin client for the sandbox's own topic work; creating one per call costs a connection. */
    private synchronized Admin admin0() {
        requireOpen("topic operations");
        if (sharedAdmin == null) {
            sharedAdmin = admin();
        }
        return sharedAdmin;
    }

    private <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while " + what + " on Kafka at " + bootstrapServers(), e);
        } catch (TimeoutException e) {
            throw new SandboxException("Kafka at " + bootstrapServers() + " did not finish " + what
                    + " within " + ADMIN_TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause
                    && (cause instanceof TopicExistsException || cause instanceof UnknownTopicOrPartitionException)) {
                throw cause;
            }
            throw new SandboxException("Kafka at " + bootstrapServers() + " failed " + what + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private static String names(List<KafkaSetup.TopicSpec> specs) {
        return specs.stream().map(KafkaSetup.TopicSpec::name).collect(Collectors.joining(", ", "[", "]"));
    }

}
