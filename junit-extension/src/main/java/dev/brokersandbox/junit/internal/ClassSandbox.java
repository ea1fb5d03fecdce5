package dev.brokersandbox.junit.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.brokersandbox.AmqpBroker;
import dev.brokersandbox.AmqpSetup;
import dev.brokersandbox.KafkaBroker;
import dev.brokersandbox.KafkaSetup;
import dev.brokersandbox.Sandbox;
import dev.brokersandbox.SandboxTrustStore;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One test class's isolated view of the brokers: its own AMQP virtual host holding its queues
 * and exchanges, and its Kafka topics, created fresh. Each side is set up when the class first
 * needs it (at once for what the class declares), so a class that only uses Kafka never waits
 * for the AMQP broker. Closing it removes both, and stops the brokers too when the class owns
 * them (per-class lifecycle). Lives in the class's JUnit Store.
 *
 * <p>A borrowed one ({@link #borrowing}) is a class's window on a view that outlives the class,
 * such as the virtual host and topics of a cached Spring application context: the class uses them
 * and leaves them as they are.
 */
public final class ClassSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClassSandbox.class);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** How long a class waits for another class that uses the same topic names to finish. */
    private static final Duration TOPIC_WAIT = Duration.ofMinutes(10);

    private final Supplier<KafkaBroker> kafka;
    private final Supplier<AmqpBroker> amqp;
    private final Sandbox owned;
    private final Executor cleanup;
    private final Object owner;
    private final Class<?> testClass;
    private final AmqpSetup amqpSetup;
    private final String name;
    /** Null unless borrowed: the view's virtual host, which its owner creates and removes. */
    private final Supplier<String> borrowedVirtualHost;
    private final boolean tls;
    private final List<String> topics;
    private TopicLeases leases;
    /** Borrowed only: what tells the view's owner the class has finished. */
    private AutoCloseable release;
    private boolean virtualHostCreated;
    private Connection channelConnection;
    private boolean closed;

    private ClassSandbox(Supplier<KafkaBroker> kafka, Supplier<AmqpBroker> amqp, Sandbox owned, Executor cleanup,
                         Object owner, Class<?> testClass, SandboxConfig config, Supplier<String> borrowedVirtualHost,
                         boolean external) {
        this.kafka = kafka;
        this.cleanup = cleanup;
        this.amqp = amqp;
        this.owned = owned;
        this.owner = owner;
        this.testClass = testClass;
        this.amqpSetup = config.amqp();
        this.tls = config.options().tls();
        this.topics = config.kafka().topics().stream().map(KafkaSetup.TopicSpec::name).collect(Collectors.toList());
        this.name = name("sandbox-" + testClass.getSimpleName(), external);
        this.borrowedVirtualHost = borrowedVirtualHost;
    }

    /**
     * A name of this JVM's own for what a class makes on the brokers (its virtual host; its consumer
     * groups start with it): on external brokers, which outlive the JVM, it also carries the
     * {@linkplain ExternalConfig#runId() run's id}.
     */
    public static String name(String base, boolean external) {
        return base + "-" + SEQUENCE.incrementAndGet() + (external ? "-" + ExternalConfig.runId() : "");
    }

    /** On brokers that every class shares; they are started when first needed. */
    public static ClassSandbox onShared(SharedBrokers shared, Object owner, Class<?> testClass, SandboxConfig config) {
        return open(() -> shared.kafka(config.options()), () -> shared.amqp(config.options()), null, shared.cleanup(), owner, testClass,
                config, shared.external());
    }

    /** On brokers of the class's own, stopped when this closes; {@code external}: they are external brokers. */
    public static ClassSandbox onOwn(Sandbox sandbox, Object owner, Class<?> testClass, SandboxConfig config, boolean external) {
        return open(sandbox::kafka, sandbox::amqp, sandbox, Runnable::run, owner, testClass, config, external);
    }

    /**
     * On a view that another owner keeps (a Spring application context): its brokers, its virtual
     * host (created by {@code virtualHost} on first use) and its topics, already created; closing
     * this closes only what the class opened (the injected channels' connection) and {@code release}.
     *
     * @param ownBrokers the view's brokers of its own, injected as {@code Sandbox}; null when shared
     * @param external the view's brokers are external ones
     * @param release tells the view's owner that the class has finished with it
     */
    public static ClassSandbox borrowing(Supplier<KafkaBroker> kafka, Supplier<AmqpBroker> amqp, Supplier<String> virtualHost,
                                         Sandbox ownBrokers, Object owner, Class<?> testClass, SandboxConfig config,
                                         boolean external, AutoCloseable release) {
        ClassSandbox borrowed = new ClassSandbox(kafka, amqp, ownBrokers, Runnable::run, owner, testClass, config, virtualHost,
                external);
        borrowed.release = release;
        return borrowed;
    }

    private static ClassSandbox open(Supplier<KafkaBroker> kafka, Supplier<AmqpBroker> amqp, Sandbox owned,
                                     Executor cleanup, Object owner, Class<?> testClass, SandboxConfig config,
                                     boolean external) {
        ClassSandbox opened = new ClassSandbox(kafka, amqp, owned, cleanup, owner, testClass, config, null, external);
        // The two brokers set up side by side: a class waits for the slower, not for both in turn.
        CompletableFuture<Void> amqpSide = config.amqp().isEmpty() ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(opened::virtualHost, ClassSandbox::inSetupThread);
        try {
            if (!opened.topics.isEmpty()) {
                opened.leases = TopicLeases.acquire(opened.topics, testClass.getName(), TOPIC_WAIT);
                kafka.get().recreateTopics(config.kafka());
            }
            amqpSide.join();
            return opened;
        } catch (CompletionException e) {
            opened.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } catch (RuntimeException | Error e) {
            // Whatever the AMQP side still does must not race the clean-up.
            amqpSide.handle((ok, failure) -> null).join();
            opened.close();
            throw e;
        }
    }

    private static void inSetupThread(Runnable task) {
        Thread thread = new Thread(task, "broker-sandbox-setup");
        thread.setDaemon(true);
        thread.start();
    }

    public KafkaBroker kafka() {
        return kafka.get();
    }

    public AmqpBroker amqp() {
        return amqp.get();
    }

    /**
     * {@code sandbox-<Class>-<n>} ({@code -<run id>} after it on external brokers): unique in the JVM,
     * the name of the class's consumer groups and of its virtual host (unless borrowed).
     */
    public String name() {
        return name;
    }

    /** The class's own AMQP virtual host, created with its queues and exchanges on first use; or the borrowed one. */
    public synchronized String virtualHost() {
        if (borrowedVirtualHost != null) {
            return borrowedVirtualHost.get();
        }
        String virtualHost = name;
        if (!virtualHostCreated) {
            AmqpBroker broker = amqp.get();
            broker.createVirtualHost(virtualHost);
            virtualHostCreated = true;
            broker.declare(virtualHost, amqpSetup);
        }
        return virtualHost;
    }

    /**
     * A new channel for a test. The channels of one class share one connection, opened on first
     * use and again if a test or the broker closed it: opening a connection costs ~5 ms per test,
     * a channel ~2 ms.
     */
    public synchronized Channel newChannel() throws IOException, TimeoutException {
        if (channelConnection == null || !channelConnection.isOpen()) {
            if (channelConnection != null) {
                // It may be recovering (automatic recovery): stop that before replacing it.
                channelConnection.abort(1000);
            }
            channelConnection = amqp().connectionFactory(virtualHost()).newConnection(name + " (injected channels)");
        }
        return channelConnection.createChannel();
    }

    /**
     * The trust store of the class's TLS brokers: one for every TLS broker of the JVM, asked of the
     * AMQP broker once the class uses it, else of Kafka (started now if no class has needed it yet).
     */
    public synchronized SandboxTrustStore trustStore() {
        if (!tls) {
            throw new IllegalStateException(testClass.getSimpleName() + " runs its brokers without TLS, so there is no "
                    + "trust store: use @BrokerSandbox(tls = true) (or SandboxExtension.builder().tls())");
        }
        return virtualHostCreated ? amqp().trustStore() : kafka().trustStore();
    }

    /** Whether the class declared Kafka topics of its own (test methods' topics aside). */
    public boolean declaresTopics() {
        return !topics.isEmpty();
    }

    /** The brokers of the class's own; only with the per-class lifecycle. */
    public Sandbox ownSandbox() {
        return owned;
    }

    /**
     * Creates the topics a test method declares for itself, after waiting for any other test
     * that holds the same names. Closing the result deletes them.
     */
    public AutoCloseable openMethodTopics(KafkaSetup methodTopics, String holder) {
        List<String> names = methodTopics.topics().stream().map(KafkaSetup.TopicSpec::name).collect(Collectors.toList());
        for (String name : names) {
            if (topics.contains(name)) {
                throw new ExtensionConfigurationException("@Topic(\"" + name + "\") on " + holder + ": the class "
                        + testClass.getSimpleName() + " declares this topic already; declare it in one place");
            }
        }
        TopicLeases methodLeases = TopicLeases.acquire(names, holder, TOPIC_WAIT);
        try {
            KafkaBroker broker = kafka.get();
            broker.recreateTopics(methodTopics);
            return () -> {
                try {
                    broker.deleteTopics(names);
                } finally {
                    methodLeases.close();
                }
            };
        } catch (RuntimeException | Error e) {
            methodLeases.close();
            throw e;
        }
    }

    public Object owner() {
        return owner;
    }

    public Class<?> testClass() {
        return testClass;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (channelConnection != null) {
            channelConnection.abort(1000);
        }
        if (borrowedVirtualHost != null) {
            try {
                release.close();
            } catch (Exception e) {
                LOG.warn("Could not hand the view of {} back to its owner", testClass.getName(), e);
            }
            return;
        }
        if (owned != null) {
            try {
                releaseLeases();
            } finally {
                owned.close();
            }
            return;
        }
        // Nothing waits for this: the next class has names of its own, and one declaring the same
        // topics waits for the leases, which are released only when the topics are gone.
        cleanup.execute(() -> {
            try {
                if (virtualHostCreated) {
                    amqp.get().deleteVirtualHost(name);
                }
                if (leases != null) {
                    kafka.get().deleteTopics(topics);
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not remove the virtual host {} or topics {} of {}", name, topics,
                        testClass.getName(), e);
            } finally {
                releaseLeases();
            }
        });
    }

    private void releaseLeases() {
        if (leases != null) {
            leases.close();
        }
    }
}
