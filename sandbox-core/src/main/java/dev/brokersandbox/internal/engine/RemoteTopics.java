package dev.brokersandbox.internal.engine;

import java.util.List;
import java.util.Map;

/**
 * Topic work done by the process that runs a Kafka (a reuse launcher, already warm) instead of by
 * an Admin client in this JVM. Only JDK types: each topic is a map of {@code name},
 * {@code partitions}, {@code replicationFactor} (0 for the broker's default) and {@code config}.
 */
public interface RemoteTopics {

    /** Deletes each named topic that exists, then creates them all, empty, with leaders for every partition. */
    void recreate(List<Map<String, Object>> topics);

    /** Deletes the named topics that exist. */
    void delete(List<String> names);
}
