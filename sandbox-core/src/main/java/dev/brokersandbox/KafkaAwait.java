package dev.brokersandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Waiting for Kafka records, read as an assertion:
 *
 * <pre>{@code
 * consumer.subscribe(List.of("orders"));
 * List<ConsumerRecord<String, String>> records = KafkaAwait.records(consumer, 3, Duration.ofSeconds(5));
 * }</pre>
 */
public final class KafkaAwait {

    /** How long one poll may block: short, so the deadline is kept closely. */
    private static final Duration POLL = Duration.ofMillis(100);

    private KafkaAwait() {
    }

    /**
     * Polls {@code consumer} until {@code count} records have arrived and returns exactly those,
     * in arrival order. The consumer must be subscribed or assigned.
     *
     * @throws AssertionError when fewer arrived within {@code timeout}, saying how many were expected,
     *     what arrived and from which topics
     */
    public static <K, V> List<ConsumerRecord<K, V>> records(Consumer<K, V> consumer, int count, Duration timeout) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        List<ConsumerRecord<K, V>> arrived = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (arrived.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Expected " + count + " records from " + source(consumer) + " within "
                        + timeout.toMillis() + " ms, but " + arrived.size() + " arrived: " + describe(arrived));
            }
            for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofNanos(Math.min(left, POLL.toNanos())))) {
                arrived.add(record);
            }
        }
        // A poll may hand over more than asked for: those are the caller's too, and must not be lost silently.
        if (arrived.size() > count) {
            throw new AssertionError("Expected " + count + " records from " + source(consumer) + ", but "
                    + arrived.size() + " arrived: " + describe(arrived));
        }
        return arrived;
    }

    private static String source(Consumer<?, ?> consumer) {
        String subscription = consumer.subscription().isEmpty() ? "" : "topics " + consumer.subscription();
        String assignment = consumer.assignment().isEmpty() ? "(no partitions assigned yet)"
                : "partitions " + consumer.assignment();
        return (subscription + " " + assignment).trim();
    }

    private static <K, V> String describe(List<ConsumerRecord<K, V>> records) {
        return records.stream()
                .map(r -> r.topic() + "-" + r.partition() + "@" + r.offset() + " " + r.key() + "=" + r.value())
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
