package dev.brokersandbox.junit.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.brokersandbox.Sandbox;
import dev.brokersandbox.SandboxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brokers started in the background before any test class asks for them, handed to the first
 * {@link SharedBrokers} of the run. What nobody takes is closed when the launcher session ends.
 */
public final class Prestart {

    private static final Logger LOG = LoggerFactory.getLogger(Prestart.class);

    /** Started and not taken yet; guarded by the class. */
    private static final Map<SharedBroker, CompletableFuture<Sandbox>> STARTED = new LinkedHashMap<>();
    private static final List<String> HISTORY = new ArrayList<>();

    private Prestart() {
    }

    /** Starts the shared brokers asked for (with the options a class without its own gets) that are not started yet. */
    static synchronized void begin(boolean wantKafka, boolean wantAmqp) {
        SandboxOptions options = SandboxOptions.defaults();
        if (wantKafka) {
            begin(SharedBroker.kafka(options));
        }
        if (wantAmqp) {
            begin(SharedBroker.amqp(options));
        }
    }

    private static void begin(SharedBroker broker) {
        if (!STARTED.containsKey(broker)) {
            STARTED.put(broker, inBackground(broker));
            HISTORY.add("started " + broker.kindName());
        }
    }

    /** What was started ahead and taken by a test run so far in this JVM, in order; for tests of this class. */
    public static synchronized List<String> history() {
        return List.copyOf(HISTORY);
    }

    /** Hands every broker started ahead to the caller, which closes them. */
    static synchronized Map<SharedBroker, CompletableFuture<Sandbox>> takeAll() {
        Map<SharedBroker, CompletableFuture<Sandbox>> taken = new LinkedHashMap<>(STARTED);
        STARTED.clear();
        taken.keySet().forEach(broker -> HISTORY.add("took " + broker.kindName()));
        if (!taken.isEmpty()) {
            LOG.debug("The brokers started ahead ({}) are handed to the test run", taken.keySet());
        }
        return taken;
    }

    /** Closes what no test run took, once it has started. */
    static synchronized void closeUntaken() {
        if (!STARTED.isEmpty()) {
            LOG.debug("Closing brokers started ahead that no test class took: {}", STARTED.keySet());
        }
        STARTED.values().forEach(start -> start.thenAccept(Sandbox::close));
        STARTED.clear();
    }

    private static CompletableFuture<Sandbox> inBackground(SharedBroker start) {
        String broker = start.kindName();
        LOG.debug("Starting {} ahead of the tests", broker);
        CompletableFuture<Sandbox> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(start.start());
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
