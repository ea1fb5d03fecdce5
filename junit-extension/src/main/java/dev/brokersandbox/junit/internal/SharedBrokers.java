package dev.brokersandbox.junit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.AmqpBroker;
import dev.brokersandbox.ExternalBrokers;
import dev.brokersandbox.KafkaBroker;
import dev.brokersandbox.Sandbox;
import dev.brokersandbox.SandboxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The brokers every class of the JVM shares, each started the first time a class needs it: a
 * Kafka-only suite never starts the AMQP broker and the other way round. One Kafka per set of
 * options. A start that failed fails every later request the same way, at once, instead of starting
 * again. Keyed on the options each was started with ({@link SharedBroker}). Lives in the JUnit root store, which closes it when the run ends.
 */
public final class SharedBrokers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedBrokers.class);
    private static final Duration CLEANUP_WAIT = Duration.ofSeconds(60);

    /** Guarded by {@code this}. */
    private final Map<SharedBroker, CompletableFuture<Sandbox>> starts = new HashMap<>();
    /** Removes what finished classes leave (virtual hosts, topics) while the next class runs. */
    private final ExecutorService cleanup = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "broker-sandbox-cleanup");
        thread.setDaemon(true);
        return thread;
    });
    private boolean closed;
    /** Null unless the run is in external mode. */
    private final ExternalBrokers external;

    /** Brokers started in this JVM (not external mode). */
    public SharedBrokers() {
        this(null, false);
    }

    /**
     * @param external the brokers of external mode ({@link ExternalConfig}), or null to start them in this JVM
     * @param report whether to log the one-line report of their versions (a reuse launcher's are this version)
     */
    public SharedBrokers(ExternalBrokers external, boolean report) {
        this.external = external;
        if (external != null && report) {
            LOG.info(external.report());
        }
        if (external == null) {
            // Prestarted brokers run in this JVM: never hand one out in place of an external broker.
            starts.putAll(Prestart.takeAll());
        }
    }

    /** The shared Kafka started with {@code options}, started now if no class started it yet. */
    public KafkaBroker kafka(SandboxOptions options) {
        return get(SharedBroker.kafka(options)).kafka();
    }

    /** The shared AMQP broker started with {@code options}, started now if no class started it yet. */
    public AmqpBroker amqp(SandboxOptions options) {
        return get(SharedBroker.amqp(options)).amqp();
    }

    private Sandbox get(SharedBroker key) {
        CompletableFuture<Sandbox> mine = new CompletableFuture<>();
        CompletableFuture<Sandbox> existing;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The shared brokers are closed: the test run has ended");
            }
            existing = starts.putIfAbsent(key, mine);
        }
        if (existing == null) {
            try {
                mine.complete(key.start(external));
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
            }
            existing = mine;
        }
        try {
            return existing.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Whether these are external mode's brokers (which outlive this JVM). */
    public boolean external() {
        return external != null;
    }

    /** The brokers started so far (not those still starting or failed), for a framework's orderly shutdown. */
    public synchronized List<Sandbox> started() {
        List<Sandbox> started = new ArrayList<>();
        for (CompletableFuture<Sandbox> start : starts.values()) {
            if (start.isDone() && !start.isCompletedExceptionally()) {
                started.add(start.join());
            }
        }
        return started;
    }

    /** Where classes hand over their clean-up; it finishes before the brokers are closed. */
    Executor cleanup() {
        return cleanup;
    }

    @Override
    public void close() {
        cleanup.shutdown();
        try {
            if (!cleanup.awaitTermination(CLEANUP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("Removing the last classes' virtual hosts and topics took over {} s; stopping the brokers anyway",
                        CLEANUP_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<CompletableFuture<Sandbox>> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(starts.values());
        }
        for (CompletableFuture<Sandbox> start : all) {
            // Runs now for a started sandbox; a prestart still running is closed as soon as it finishes.
            start.thenAccept(Sandbox::close);
        }
    }
}
