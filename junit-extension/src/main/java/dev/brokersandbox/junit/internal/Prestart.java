package dev.brokersandbox.junit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.brokersandbox.Sandbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brokers started in the background before any test class asks for them, handed to the first
 * {@link SharedBrokers} of the run. What nobody takes is closed when the launcher session ends.
 */
public final class Prestart {

    private static final Logger LOG = LoggerFactory.getLogger(Prestart.class);

    private static CompletableFuture<Sandbox> kafka;
    private static CompletableFuture<Sandbox> amqp;
    private static final List<String> HISTORY = new ArrayList<>();

    private Prestart() {
    }

    /** Starts the brokers asked for that are not started yet. */
    static synchronized void begin(boolean wantKafka, boolean wantAmqp) {
        if (wantKafka && kafka == null) {
            kafka = inBackground("kafka", () -> Sandbox.builder().kafka().start());
            HISTORY.add("started kafka");
        }
        if (wantAmqp && amqp == null) {
            amqp = inBackground("amqp", () -> Sandbox.builder().amqp().start());
            HISTORY.add("started amqp");
        }
    }

    /** What was started ahead and taken by a test run so far in this JVM, in order; for tests of this class. */
    public static synchronized List<String> history() {
        return List.copyOf(HISTORY);
    }

    static synchronized Optional<CompletableFuture<Sandbox>> takeKafka() {
        Optional<CompletableFuture<Sandbox>> taken = handOver("kafka", kafka);
        kafka = null;
        return taken;
    }

    static synchronized Optional<CompletableFuture<Sandbox>> takeAmqp() {
        Optional<CompletableFuture<Sandbox>> taken = handOver("amqp", amqp);
        amqp = null;
        return taken;
    }

    private static Optional<CompletableFuture<Sandbox>> handOver(String broker, CompletableFuture<Sandbox> start) {
        if (start != null) {
            HISTORY.add("took " + broker);
            LOG.debug("The {} broker started ahead is handed to the test run", broker);
        }
        return Optional.ofNullable(start);
    }

    /** Closes what no test run took, once it has started. */
    static synchronized void closeUntaken() {
        if (kafka != null || amqp != null) {
            LOG.debug("Closing brokers started ahead that no test class took");
        }
        takeKafka().ifPresent(start -> start.thenAccept(Sandbox::close));
        takeAmqp().ifPresent(start -> start.thenAccept(Sandbox::close));
    }

    private static CompletableFuture<Sandbox> inBackground(String broker, Supplier<Sandbox> start) {
        LOG.debug("Starting {} ahead of the tests", broker);
        CompletableFuture<Sandbox> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(start.get());
            } catch (RuntimeException | Error e) {
                // Reported to the test class that takes it, as if it had started the broker itself.
                LOG.debug("Starting {} ahead of the tests failed", broker, e);
                future.completeExceptionally(e);
            }
        }, "broker-sandbox-prestart-" + broker);
        thread.setDaemon(true);
        thread.start();
        return future;
    }
}
