package dev.brokersandbox.junit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * A JVM-wide lease per Kafka topic name, held by one test class from its set-up to its end.
 * {@link TopicLocks} keeps JUnit from scheduling such classes together when topics come from the
 * annotation; this also covers topics declared through {@code SandboxExtension.builder()}, which
 * JUnit's scheduler cannot see, and every topic on JUnit before 5.12, which cannot take
 * {@link TopicLocks} at all ({@link TopicLockSupport}).
 */
final class TopicLeases implements AutoCloseable {

    private static final Map<String, Semaphore> PERMITS = new ConcurrentHashMap<>();
    private static final Map<String, String> HOLDERS = new ConcurrentHashMap<>();

    private final List<String> held;

    private TopicLeases(List<String> held) {
        this.held = held;
    }

    /** Waits at most {@code bound} for every name; names are taken in sorted order, so two classes cannot deadlock. */
    static TopicLeases acquire(Iterable<String> topics, String holder, Duration bound) {
        List<String> held = new ArrayList<>();
        long deadline = System.nanoTime() + bound.toNanos();
        try {
            TreeSet<String> sorted = new TreeSet<>();
            topics.forEach(sorted::add);
            for (String topic : sorted) {
                Semaphore permit = PERMITS.computeIfAbsent(topic, t -> new Semaphore(1));
                if (!permit.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw new ExtensionConfigurationException(holder + " waited " + bound.toSeconds()
                            + " s for Kafka topic \"" + topic + "\", which " + HOLDERS.get(topic)
                            + " still uses; give one of the classes another topic name");
                }
                HOLDERS.put(topic, holder);
                held.add(topic);
            }
            return new TopicLeases(held);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            new TopicLeases(held).close();
            throw new ExtensionConfigurationException(holder + " was interrupted waiting for its Kafka topics", e);
        } catch (RuntimeException e) {
            new TopicLeases(held).close();
            throw e;
        }
    }

    @Override
    public void close() {
        for (String topic : held) {
            HOLDERS.remove(topic);
            PERMITS.get(topic).release();
        }
        held.clear();
    }
}
