package dev.brokersandbox.spring.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.brokersandbox.KafkaBroker;
import dev.brokersandbox.KafkaSetup;

/**
 * The topics that live application contexts declared, counted per name on each Kafka. Spring
 * keeps several contexts alive at once (its cache), and Kafka has no namespaces: a second context
 * that declares a topic the first one uses shares it rather than deleting it under the first
 * one's listeners. A topic is created fresh (empty) by the first context that declares it, and
 * deleted when the last one that declared it closes.
 */
final class ContextTopics {

    /** Guarded by the class. Keyed on the Kafka instance: a context's own Kafka has topics of its own. */
    private static final Map<KafkaBroker, Map<String, Integer>> USERS = new HashMap<>();

    private ContextTopics() {
    }

    /** Creates the topics of {@code setup} that no live context holds; returns the names now held. */
    static synchronized List<String> acquire(KafkaBroker kafka, KafkaSetup setup) {
        Map<String, Integer> counts = USERS.computeIfAbsent(kafka, k -> new HashMap<>());
        KafkaSetup missing = new KafkaSetup();
        List<String> names = new ArrayList<>();
        for (KafkaSetup.TopicSpec topic : setup.topics()) {
            names.add(topic.name());
            if (!counts.containsKey(topic.name())) {
                missing.topic(topic.name(), topic.partitions(), topic.replicationFactor(), topic.config());
            }
        }
        kafka.recreateTopics(missing);
        names.forEach(name -> counts.merge(name, 1, Integer::sum));
        return names;
    }

    /** Deletes those of {@code names} that no other live context holds. */
    static synchronized void release(KafkaBroker kafka, List<String> names) {
        Map<String, Integer> counts = USERS.getOrDefault(kafka, Map.of());
        List<String> unused = new ArrayList<>();
        for (String name : names) {
            Integer left = counts.computeIfPresent(name, (n, count) -> count > 1 ? count - 1 : null);
            if (left == null) {
                unused.add(name);
            }
        }
        if (counts.isEmpty()) {
            USERS.remove(kafka);
        }
        kafka.deleteTopics(unused);
    }
}
