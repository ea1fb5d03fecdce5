package dev.brokersandbox.runtime.rabbit;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.qpid.server.model.AlternateBinding;
import org.apache.qpid.server.model.LifetimePolicy;
import org.apache.qpid.server.model.Queue;

/**
 * RabbitMQ refuses to redeclare a queue with other properties (406 PRECONDITION_FAILED); Qpid
 * ignores the difference. This compares what a declare asks for with the queue that exists.
 */
final class QueueEquivalence {

    /** Qpid attribute, and the RabbitMQ argument a user wrote for it (named in the error). */
    private static final Map<String, String> COMPARED = Map.of(
            "maximumMessageTtl", "x-message-ttl",
            "maximumQueueDepthMessages", "x-max-length",
            "maximumQueueDepthBytes", "x-max-length-bytes",
            "priorities", "x-max-priority",
            RabbitArguments.ALTERNATE_BINDING, "x-dead-letter-exchange",
            "maximumLiveConsumers", "x-single-active-consumer",
            RabbitArguments.OVERFLOW, "x-overflow",
            RabbitArguments.QUEUE_TYPE, "x-queue-type",
            RabbitArguments.EXPIRES, "x-expires");
    /** Attributes above that the sandbox keeps as context variables of the queue. */
    private static final Set<String> CONTEXT = Set.of(RabbitArguments.OVERFLOW, RabbitArguments.QUEUE_TYPE,
            RabbitArguments.EXPIRES);

    /** Attributes above that a policy can set. */
    private static final Set<String> POLICY_SET = Set.of("maximumMessageTtl", "maximumQueueDepthMessages",
            "maximumQueueDepthBytes", RabbitArguments.ALTERNATE_BINDING, RabbitArguments.OVERFLOW, RabbitArguments.EXPIRES);

    private QueueEquivalence() {
    }

    /** The first property that differs, named as RabbitMQ names it, or null when the declare matches. */
    static String difference(Queue<?> existing, boolean durable, boolean autoDelete, Map<String, Object> qpidArguments) {
        if (existing.isDurable() != durable) {
            return "durable";
        }
        if ((existing.getLifetimePolicy() == LifetimePolicy.DELETE_ON_NO_OUTBOUND_LINKS) != autoDelete) {
            return "auto_delete"; // Qpid's lifetime policy of a queue declared auto-delete
        }
        // A queue a policy changed is compared with what it was declared with, as RabbitMQ compares it.
        Map<String, Object> declared = PolicyEffects.declaredQpidArguments(existing);
        for (Map.Entry<String, String> attribute : COMPARED.entrySet()) {
            Object asked = asked(qpidArguments, attribute.getKey());
            Object current = declared != null && POLICY_SET.contains(attribute.getKey())
                    ? asked(declared, attribute.getKey()) : current(existing, attribute.getKey());
            if (!same(asked, current)) {
                return attribute.getValue();
            }
        }
        return null;
    }

    private static Object asked(Map<String, Object> qpidArguments, String attribute) {
        if (CONTEXT.contains(attribute)) {
            return qpidArguments.get("context") instanceof Map<?, ?> context ? context.get(attribute) : null;
        }
        Object asked = qpidArguments.get(attribute);
        return asked instanceof Map<?, ?> binding ? binding.get("destination") : asked;
    }

    private static Object current(Queue<?> queue, String attribute) {
        if (CONTEXT.contains(attribute)) {
            return queue.getContext().get(attribute);
        }
        if (attribute.equals(RabbitArguments.ALTERNATE_BINDING)) {
            AlternateBinding binding = queue.getAlternateBinding();
            return binding == null ? null : binding.getDestination();
        }
        // Only what the declare set: a queue declared without an argument has no value for it.
        return queue.getActualAttributes().get(attribute);
    }

    private static boolean same(Object asked, Object current) {
        if (asked instanceof Number a && current instanceof Number c) {
            return a.longValue() == c.longValue();
        }
        if (asked == null || current == null) {
            return asked == null && current == null;
        }
        return Objects.equals(String.valueOf(asked), String.valueOf(current));
    }
}
