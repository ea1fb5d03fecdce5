package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/** Waits for a consumer group's partition assignment to settle, for the consumer group samples. */
final class Assignments {

    private static final Duration POLL = Duration.ofMillis(100);

    private Assignments() {
    }

    /**
     * Polls each consumer in turn until {@code settled} holds for their assignments, and returns
     * them, in the order of {@code consumers}. All from this thread: a group member takes part in a
     * rebalance only while it polls. Fails at the deadline saying what was expected and which
     * assignments were seen; fails too if records arrive meanwhile, since they would be lost here
     * (produce after the assignment settled).
     */
    static List<Set<TopicPartition>> await(List<? extends Consumer<?, ?>> consumers, String expected,
                                           Predicate<List<Set<TopicPartition>>> settled, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        List<Set<TopicPartition>> seen = assignments(consumers);
        while (!settled.test(seen)) {
            if (System.nanoTime() - deadline > 0) {
                fail("expected %s within %d s, but the assignments were %s", expected, within.toSeconds(), describe(seen));
            }
            for (Consumer<?, ?> consumer : consumers) {
                ConsumerRecords<?, ?> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    fail("%d records arrived while waiting for %s (assignments %s): produce after the assignment settled",
                            records.count(), expected, describe(assignments(consumers)));
                }
            }
            seen = assignments(consumers);
        }
        return seen;
    }

    /** Every consumer has at least one partition, no partition has two consumers, and together they have all {@code partitions}. */
    static Predicate<List<Set<TopicPartition>>> splitAmongAll(int partitions) {
        return assignments -> {
            Set<TopicPartition> union = new HashSet<>();
            int total = 0;
            for (Set<TopicPartition> assignment : assignments) {
                if (assignment.isEmpty()) {
                    return false;
                }
                union.addAll(assignment);
                total += assignment.size();
            }
            return union.size() == partitions && total == partitions;
        };
    }

    private static List<Set<TopicPartition>> assignments(List<? extends Consumer<?, ?>> consumers) {
        return consumers.stream().<Set<TopicPartition>>map(c -> Set.copyOf(c.assignment())).toList();
    }

    private static String describe(List<Set<TopicPartition>> assignments) {
        return assignments.stream()
                .map(a -> a.stream().map(TopicPartition::toString).collect(Collectors.toCollection(TreeSet::new)).toString())
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
