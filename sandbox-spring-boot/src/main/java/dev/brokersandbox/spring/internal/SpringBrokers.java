package dev.brokersandbox.spring.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.brokersandbox.AmqpClientConnection;
import dev.brokersandbox.ExternalBrokers;
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
 * their brokers still answer, with nothing to complain about. In external and reuse mode
 * ({@link SpringRun}) the same holds for the external brokers, which closing only disconnects from.
 */
final class SpringBrokers {

    private static final Logger LOG = LoggerFactory.getLogger(SpringBrokers.class);
    /** How long the brokers wait at exit for the closed contexts' AMQP connections to close. */
    private static final Duration CLIENTS_GONE_WAIT = Duration.ofSeconds(3);
    /** How long the brokers wait at exit for contexts that another thread is closing to be done with them. */
    private static final Duration CONTEXTS_CLOSED_WAIT = Duration.ofSeconds(10);

    /** Guarded by the class. One per run: in this JVM, and on each set of external brokers a context was built for. */
    private static final Map<SpringRun, Run> SHARED = new LinkedHashMap<>();
    /** The open contexts on shared brokers, and the run each is on. */
    private static final Map<ConfigurableApplicationContext, SpringRun> CONTEXTS = new LinkedHashMap<>();
    private static boolean shuttingDown;
    private static boolean hookAdded;

    private SpringBrokers() {
    }

    /** The brokers in this JVM, for plain test classes of a run that is not in external mode. */
    static SharedBrokers shared() {
        return shared(new SpringRun(Map.of()));
    }

    /** The brokers of {@code run}: started in this JVM, or, in external and reuse mode, the external ones. */
    static SharedBrokers shared(SpringRun run) {
        ExternalBrokers external = run.external(); // outside the lock: attaching to a reuse launcher may start it
        synchronized (SpringBrokers.class) {
            if (!hookAdded) {
                Runtime.getRuntime().addShutdownHook(new Thread(SpringBrokers::shutDown, "broker-sandbox-spring-shutdown"));
                hookAdded = true;
            }
            return SHARED.computeIfAbsent(external == null ? new SpringRun(Map.of()) : run,
                    r -> new Run(new SharedBrokers(external, external != null && !run.reused()), external)).brokers();
        }
    }

    /** A run's brokers, and its external ones (null: all in this JVM). */
    private record Run(SharedBrokers brokers, ExternalBrokers external) {
    }

    /** A context on the shared brokers of {@code run}, to be closed before them. */
    static synchronized void track(ConfigurableApplicationContext context, SpringRun run) {
        CONTEXTS.put(context, run);
    }

    /**
     * Disconnects from {@code run}'s external brokers when no open context is on them: they outlive
     * this JVM, so their clients need not wait for its exit (and a test's brokers, stopped before it,
     * would leave them retrying). The next context on them connects again. Brokers in this JVM stay:
     * plain test classes share them, and they start in seconds, not milliseconds.
     */
    static void disconnectIfIdle(SpringRun run) {
        SharedBrokers idle = null;
        synchronized (SpringBrokers.class) {
            Run found = SHARED.get(run);
            if (found != null && found.external() != null && !shuttingDown && !CONTEXTS.containsValue(run)) {
                SHARED.remove(run);
                idle = found.brokers();
            }
        }
        if (idle != null) {
            idle.close();
        }
    }

    static synchronized void forget(ConfigurableApplicationContext context) {
        CONTEXTS.remove(context);
        ContextPausing.forget(context);
    }

    /** The contexts on the shared brokers that are still open. */
    static synchronized List<ConfigurableApplicationContext> contexts() {
        return new ArrayList<>(CONTEXTS.keySet());
    }

    static synchronized boolean shuttingDown() {
        return shuttingDown;
    }

    private static void shutDown() {
        List<ConfigurableApplicationContext> open;
        List<Run> all;
        synchronized (SpringBrokers.class) {
            shuttingDown = true;
            open = new ArrayList<>(CONTEXTS.keySet());
            all = new ArrayList<>(SHARED.values());
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
        awaitForgotten(open);
        for (Run run : all) {
            if (run.external() == null || !run.external().hasAmqp()) {
                // An external AMQP broker does not stop: no client of it can complain.
                awaitClientsGone(run.brokers());
            }
            run.brokers().close();
        }
    }

    /**
     * Waits, bounded, until each context's sandbox has finished with the brokers: when Spring's
     * shutdown hook closes a context at the same time, {@code close()} above may return while that
     * hook still removes the context's virtual host and topics from external brokers (which outlive
     * the JVM) through these brokers; stopped under it, the removal fails and they stay.
     */
    private static void awaitForgotten(List<ConfigurableApplicationContext> contexts) {
        long deadline = System.nanoTime() + CONTEXTS_CLOSED_WAIT.toNanos();
        for (ConfigurableApplicationContext context : contexts) {
            while (isTracked(context) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (isTracked(context)) {
                LOG.warn("Application context {} was still closing after {} s; stopping its brokers anyway",
                        context.getId(), CONTEXTS_CLOSED_WAIT.toSeconds());
                return;
            }
        }
    }

    private static synchronized boolean isTracked(ConfigurableApplicationContext context) {
        return CONTEXTS.containsKey(context);
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
