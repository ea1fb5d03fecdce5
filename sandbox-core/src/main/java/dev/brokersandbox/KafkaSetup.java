package dev.brokersandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What Kafka should hold before a test runs: its topics.
 *
 * <pre>{@code
 * Sandbox.builder().kafka(k -> k.topic("orders", 3).topic("audit", 1, Map.of("cleanup.policy", "compact")))
 * }</pre>
 */
public final class KafkaSetup {

    private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final int MAX_TOPIC_LENGTH = 249;

    private final Map<String, TopicSpec> topics = new LinkedHashMap<>();

    /**
     * A topic to create: its name, partition count, replication factor (0: the broker's default,
     * which is the number of brokers up to 3) and topic configs (e.g. {@code retention.ms}).
     */
    public record TopicSpec(String name, int partitions, int replicationFactor, Map<String, String> config) {
        public TopicSpec {
            config = Map.copyOf(config);
        }
    }

    /** Adds a topic with {@code partitions} partitions and Kafka's default topic configs. */
    public KafkaSetup topic(String name, int partitions) {
        return topic(name, partitions, Map.of());
    }

    /**
     * Adds a topic.
     *
     * @throws IllegalArgumentException naming the topic when the name is not a legal Kafka topic
     *     name, partitions is below 1, or the topic was already added
     */
    public KafkaSetup topic(String name, int partitions, Map<String, String> config) {
        return topic(name, partitions, 0, config);
    }

    /**
     * Adds a topic with a replication factor, for clusters of several brokers.
     *
     * @param replicationFactor how many brokers hold each partition; 0 for the broker's default
     * @throws IllegalArgumentException naming the topic as {@link #topic(String, int, Map)} does,
     *     or when the replication factor is negative
     */
    public KafkaSetup topic(String name, int partitions, int replicationFactor, Map<String, String> config) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("topic name must not be empty (it is the Kafka topic to create)");
        }
        if (name.equals(".") || name.equals("..") || name.length() > MAX_TOPIC_LENGTH
                || !LEGAL_TOPIC.matcher(name).matches()) {
            throw new IllegalArgumentException("topic \"" + name + "\": not a legal Kafka topic name "
                    + "(use at most " + MAX_TOPIC_LENGTH + " characters from a-z, A-Z, 0-9, '.', '_' and '-')");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic \"" + name + "\": partitions must be at least 1 "
                    + "(it is the number of Kafka partitions to create), got " + partitions);
        }
        if (replicationFactor < 0) {
            throw new IllegalArgumentException("topic \"" + name + "\": replicationFactor must be at least 1 "
                    + "(or 0 for the broker's default), got " + replicationFactor);
        }
        if (topics.containsKey(name)) {
            throw new IllegalArgumentException("topic \"" + name + "\" is declared twice: declare each topic once");
        }
        topics.put(name, new TopicSpec(name, partitions, replicationFactor, config));
        return this;
    }

    /** The topics in the order they were added. */
    public List<TopicSpec> topics() {
        return Collections.unmodifiableList(new ArrayList<>(topics.values()));
    }
}
