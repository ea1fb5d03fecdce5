package dev.brokersandbox.spring.internal;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.brokersandbox.AmqpBroker;
import dev.brokersandbox.ExternalBrokers;
import dev.brokersandbox.KafkaBroker;
import dev.brokersandbox.KafkaSetup;
import dev.brokersandbox.Sandbox;
import dev.brokersandbox.SandboxOptions;
import dev.brokersandbox.junit.internal.ClassSandbox;
import dev.brokersandbox.junit.internal.ExternalConfig;
import dev.brokersandbox.junit.internal.SandboxConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * One application context's view of the brokers, a bean of the context: a virtual host of its
 * own (created, with the declared queues and exchanges, when something first asks for it) and the
 * declared topics (created before the context refreshes). It lives as long as the context, in
 * Spring's cache across test classes, and is destroyed after every other bean of the context, so
 * the listener containers have stopped before their virtual host and topics are removed.
 *
 * <p>The brokers are the JVM's shared ones ({@link SpringBrokers}), or, with
 * {@code @BrokerSandbox(lifecycle = PER_CLASS)}, brokers of the context's own, stopped with it;
 * in external and reuse mode ({@link SpringRun}) either is the external brokers, on which the
 * virtual host is made through the management API and the topics carry the run's prefix.
 */
final class ContextSandbox implements DisposableBean {

    static final String BEAN_NAME = "dev.brokersandbox.spring.contextSandbox";

    private static final Logger LOG = LoggerFactory.getLogger(ContextSandbox.class);

    private final SandboxConfig config;
    private final SpringRun run;
    /** Null when the brokers run in this JVM. */
    private final ExternalBrokers external;
    private final Supplier<KafkaBroker> kafka;
    private final Supplier<AmqpBroker> amqp;
    private final Sandbox own;
    private final ConfigurableApplicationContext context;
    private final String virtualHost;
    private List<String> topics = List.of();
    private boolean virtualHostCreated;
    private boolean destroyed;

    private ContextSandbox(SandboxConfig config, SpringRun run, Sandbox own, ConfigurableApplicationContext context,
                           Class<?> testClass) {
        this.config = config;
        this.run = run;
        this.external = run.external();
        this.own = own;
        this.context = context;
        SandboxOptions options = config.options();
        this.kafka = own != null ? own::kafka : () -> SpringBrokers.shared(run).kafka(options);
        this.amqp = own != null ? own::amqp : () -> SpringBrokers.shared(run).amqp(options);
        this.virtualHost = ClassSandbox.name("sandbox-spring-" + testClass.getSimpleName(), external != null);
    }

    /**
     * Opens the view for {@code context}: starts in the background the brokers its class path
     * will ask for (both at once: the context waits for the slower, not for each in turn) and
     * creates the declared topics, so listeners find them when the context starts.
     */
    static ContextSandbox open(SandboxConfig config, SpringRun run, Class<?> testClass,
                               ConfigurableApplicationContext context) {
        Sandbox own = config.perClass() ? Sandbox.builder().options(config.options()).external(run.external()).start() : null;
        ContextSandbox sandbox = new ContextSandbox(config, run, own, context, testClass);
        try {
            if (own == null) {
                // Before asking for the brokers: another context of the run closing meanwhile must not
                // disconnect from external brokers this one is about to use (SpringBrokers.disconnectIfIdle).
                SpringBrokers.track(context, run);
            }
            ClassLoader loader = context.getClassLoader();
            boolean needsKafka = !config.kafka().topics().isEmpty()
                    || ClassUtils.isPresent("org.springframework.kafka.core.KafkaTemplate", loader);
            boolean needsAmqp = !config.amqp().isEmpty()
                    || ClassUtils.isPresent("org.springframework.amqp.rabbit.core.RabbitTemplate", loader);
            if (needsAmqp && own == null) {
                inBackground("amqp", sandbox.amqp);
            }
            if (needsKafka && own == null) {
                inBackground("kafka", sandbox.kafka);
            }
            if (sandbox.external != null && sandbox.external.hasKafka() && config.options().kafkaBrokers() > 1) {
                ExternalConfig.requireKafkaBrokers(sandbox.external, sandbox.kafka.get(), config.options(), testClass);
            }
            if (!config.kafka().topics().isEmpty()) {
                sandbox.topics = ContextTopics.acquire(sandbox.kafka.get(), config.kafka());
            }
            return sandbox;
        } catch (RuntimeException | Error e) {
            sandbox.destroy();
            throw e;
        }
    }

    private static void inBackground(String broker, Supplier<?> start) {
        Thread thread = new Thread(() -> {
            try {
                start.get();
            } catch (RuntimeException | Error e) {
                // Reported to whoever asks for the broker next, as SharedBrokers keeps the failure.
                LOG.debug("Starting the {} broker ahead of the application context failed", broker, e);
            }
        }, "broker-sandbox-spring-start-" + broker);
        thread.setDaemon(true);
        thread.start();
    }

    KafkaBroker kafka() {
        return kafka.get();
    }

    AmqpBroker amqp() {
        return amqp.get();
    }

    /** The context's own virtual host, created with the declared queues, exchanges and users on first use. */
    synchronized String virtualHost() {
        if (!virtualHostCreated) {
            if (destroyed) {
                throw new IllegalStateException("The application context that used virtual host " + virtualHost
                        + " is closed");
            }
            AmqpBroker broker = amqp.get();
            broker.createVirtualHost(virtualHost);
            virtualHostCreated = true;
            broker.declare(virtualHost, config.amqp());
        }
        return virtualHost;
    }

    /** The external brokers of external and reuse mode; null when both run in this JVM. */
    ExternalBrokers external() {
        return external;
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    SandboxConfig config() {
        return config;
    }

    /** The context's brokers of its own (lifecycle PER_CLASS); null when they are the JVM's. */
    Sandbox ownBrokers() {
        return own;
    }

    @Override
    public synchronized void destroy() {
        if (destroyed) {
            return;
        }
        destroyed = true;
        // Brokers of this JVM that stop next (its own, or the shared ones at exit) take what is on them
        // along: removing it first would only delay the exit. External ones keep running, so what the
        // context made there is removed in any case.
        boolean brokersStop = external == null && (own != null || SpringBrokers.shuttingDown());
        try {
            if (!brokersStop) {
                removeVirtualHostAndTopics();
            }
        } finally {
            // Only now: at exit the shared brokers wait for this (SpringBrokers.awaitForgotten).
            SpringBrokers.forget(context);
            if (own != null) {
                own.close();
            } else {
                SpringBrokers.disconnectIfIdle(run);
            }
        }
    }

    private void removeVirtualHostAndTopics() {
        try {
            if (virtualHostCreated) {
                amqp.get().deleteVirtualHost(virtualHost);
            }
            if (!topics.isEmpty()) {
                ContextTopics.release(kafka.get(), topics);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not remove the virtual host {} or topics {} of a closed application context", virtualHost,
                    topics, e);
        }
    }

    @Override
    public String toString() {
        return "ContextSandbox[vhost=" + virtualHost + ", topics="
                + config.kafka().topics().stream().map(KafkaSetup.TopicSpec::name).collect(Collectors.toList()) + "]";
    }
}
