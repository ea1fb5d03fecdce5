package dev.brokersandbox.junit.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.brokersandbox.KafkaSetup;
import dev.brokersandbox.Sandbox;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One test class's isolated view of the brokers: its own AMQP virtual host holding its queues
 * and exchanges, and its Kafka topics, created fresh. Closing it removes both, and stops the
 * brokers too when the class owns them (per-class lifecycle). Lives in the class's JUnit Store.
 */
public final class ClassSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClassSandbox.class);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** How long a class waits for another class that uses the same topic names to finish. */
    private static final Duration TOPIC_WAIT = Duration.ofMinutes(10);

    private final Sandbox sandbox;
    private final boolean ownsSandbox;
    private final Object owner;
    private final Class<?> testClass;
    private final String virtualHost;
    private final List<String> topics;
    private TopicLeases leases;
    private boolean closed;

    private ClassSandbox(Sandbox sandbox, boolean ownsSandbox, Object owner, Class<?> testClass, List<String> topics) {
        this.sandbox = sandbox;
        this.ownsSandbox = ownsSandbox;
        this.owner = owner;
        this.testClass = testClass;
        this.topics = topics;
        this.virtualHost = "sandbox-" + testClass.getSimpleName() + "-" + SEQUENCE.incrementAndGet();
    }

    /**
     * Creates the class's virtual host and topics on {@code sandbox}.
     *
     * @param ownsSandbox whether closing this also stops the brokers
     * @param owner the extension instance that set it up, to detect a second registration
     */
    public static ClassSandbox open(Sandbox sandbox, boolean ownsSandbox, Object owner, Class<?> testClass,
                                    SandboxConfig config) {
        List<String> topics = config.kafka().topics().stream().map(KafkaSetup.TopicSpec::name).collect(Collectors.toList());
        ClassSandbox opened = new ClassSandbox(sandbox, ownsSandbox, owner, testClass, topics);
        try {
            opened.leases = TopicLeases.acquire(topics, testClass.getName(), TOPIC_WAIT);
            sandbox.kafka().recreateTopics(config.kafka());
            sandbox.amqp().createVirtualHost(opened.virtualHost);
            sandbox.amqp().declare(opened.virtualHost, config.amqp());
            return opened;
        } catch (RuntimeException | Error e) {
            opened.close();
            throw e;
        }
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    /** Whether the class owns its brokers (per-class lifecycle) rather than sharing the JVM's. */
    public boolean ownsSandbox() {
        return ownsSandbox;
    }

    /**
     * Creates the topics a test method declares for itself, after waiting for any other test
     * that holds the same names. Closing the result deletes them.
     */
    public AutoCloseable openMethodTopics(KafkaSetup topics, String holder) {
        List<String> names = topics.topics().stream().map(KafkaSetup.TopicSpec::name).collect(Collectors.toList());
        for (String name : names) {
            if (this.topics.contains(name)) {
                throw new ExtensionConfigurationException("@Topic(\"" + name + "\") on " + holder + ": the class "
                        + testClass.getSimpleName() + " declares this topic already; declare it in one place");
            }
        }
        TopicLeases methodLeases = TopicLeases.acquire(names, holder, TOPIC_WAIT);
        AutoCloseable cleanup = () -> {
            try {
                sandbox.kafka().deleteTopics(names);
            } finally {
                methodLeases.close();
            }
        };
        try {
            sandbox.kafka().recreateTopics(topics);
            return cleanup;
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

    /** The class's own AMQP virtual host. */
    public String virtualHost() {
        return virtualHost;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (ownsSandbox) {
                return;
            }
            sandbox.amqp().deleteVirtualHost(virtualHost);
            sandbox.kafka().deleteTopics(topics);
        } catch (RuntimeException e) {
            LOG.warn("Could not remove the virtual host {} or topics {} of {}", virtualHost, topics, testClass.getName(), e);
        } finally {
            if (leases != null) {
                leases.close();
            }
            if (ownsSandbox) {
                sandbox.close();
            }
        }
    }
}
