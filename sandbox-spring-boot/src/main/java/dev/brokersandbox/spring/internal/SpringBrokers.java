package dev.brokersandbox.spring.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.brokersandbox.AmqpClientConnection;
import dev.brokersandbox.Sandbox;
import dev.brokersandbox.junit.internal.SharedBrokers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The brokers Spring application contexts share, for the life of the JVM: Spring's context
 * cache keeps contexts (and their listeners) until the JVM exits, longer than any JUnit scope,
 * so their brokers must live as long. Plain test classes of the same run use them too
 * ({@link SpringBorrowedSandboxes#sharedBrokers()}): one Kafka and one AMQP broker for a suite that
 * mixes both kinds. At exit the contexts are closed first, then the brokers: listeners stop while
 * their brokers still answer, with nothing to complain about.
 */
final class SpringBrokers {

    private static final Logger LOG = LoggerFactory.getLogger(SpringBrokers.class);
    /** How long the brokers wait at exit for the closed contexts' AMQP connections to close. */
    private static final Duration CLIENTS_GONE_WAIT = Duration.ofSeconds(3);

    /** Guarded by the class. */
    private static SharedBrokers shared;
    private static final Set<ConfigurableApplicationContext> CONTEXTS = new LinkedHashSet<>();
    private static boolean shuttingDown;

    private SpringBrokers() {
    }

    static synchronized SharedBrokers shared() {
        if (shared == null) {
            shared = new SharedBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(SpringBrokers::shutDown, "broker-sandbox-spring-shutdown"));
        }
        return shared;
    }

    /** A context on the shared brokers, to be closed before them. */
    static synchronized void track(ConfigurableApplicationContext context) {
        CONTEXTS.add(context);
    }

    static synchronized void forget(ConfigurableApplicationContext context) {
        CONTEXTS.remove(context);
        ContextPausing.forget(context);
    }

    /** The contexts on the shared brokers that are still open. */
    static synchronized List<ConfigurableApplicationContext> contexts() {
        return new ArrayList<>(CONTEXTS);
    }

    static synchronized boolean shuttingDown() {
        return shuttingDown;
    }

    private static void shutDown() {
        List<ConfigurableApplicationContext> open;
        SharedBrokers brokers;
        synchronized (SpringBrokers.class) {
            shuttingDown = true;
            open = new ArrayList<>(CONTEXTS);
            brokers = shared;
        }
        Collections.reverse(open);
        for (ConfigurableApplicationContext context : open) {
            try {
                // Idempotent: Spring's own shutdown hook may be closing it at the same time.
                context.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing application context {} before the brokers failed", context.getId(), e);
            }
        }
        awaitClientsGone(brokers);
        brokers.close();
    }

    /**
     * A closed context's listener threads may still be finishing (a Rabbit consumer returns from
     * its receive wait, up to a second, then its connection closes): stopping the broker under
     * them makes them log the broker's connection.close as an error. So the brokers wait, bounded,
     * until the AMQP clients are gone.
     */
    private static void awaitClientsGone(SharedBrokers brokers) {
        long deadline = System.nanoTime() + CLIENTS_GONE_WAIT.toNanos();
        for (Sandbox sandbox : brokers.started()) {
            if (!sandbox.hasAmqp()) {
                continue;
            }
            List<AmqpClientConnection> left = sandbox.amqp().connections();
            while (!left.isEmpty() && System.nanoTime() - deadline < 0) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                left = sandbox.amqp().connections();
            }
            LOG.debug("Stopping the AMQP broker with {} client connection(s) left: {}", left.size(), left);
        }
    }
}
