package dev.brokersandbox.runtime.rabbit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

import org.apache.qpid.server.model.Queue;

/**
 * The arguments each queue was declared with, as the client sent them: RabbitMQ's management API
 * shows them, and {@link RabbitArguments} turns most of them into Qpid attributes that cannot be
 * turned back (x-dead-letter-routing-key, x-overflow's two reject modes). Kept in memory only: a
 * durable queue recovered from a data directory shows none.
 */
public final class DeclaredArguments {

    /** Weak keys: a deleted queue's entry goes with it. */
    private static final Map<Queue<?>, Map<String, Object>> DECLARED = Collections.synchronizedMap(new WeakHashMap<>());

    private DeclaredArguments() {
    }

    static void remember(Queue<?> queue, Map<String, Object> arguments) {
        DECLARED.put(queue, Collections.unmodifiableMap(new LinkedHashMap<>(arguments)));
    }

    /** What {@code queue} was declared with; empty for none, or if it was recovered from disk. */
    public static Map<String, Object> of(Queue<?> queue) {
        return DECLARED.getOrDefault(queue, Map.of());
    }
}
