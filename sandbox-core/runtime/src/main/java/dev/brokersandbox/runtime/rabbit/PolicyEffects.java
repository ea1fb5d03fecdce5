package dev.brokersandbox.runtime.rabbit;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.qpid.server.model.AlternateBinding;
import org.apache.qpid.server.model.Exchange;
import org.apache.qpid.server.model.Queue;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * What the policy that applies to a queue or an exchange does to it, merged with what it was
 * declared with as RabbitMQ merges them: of message-ttl, expires, max-length and max-length-bytes
 * the lower value wins; a queue's own overflow, dead-letter exchange and routing key, and an
 * exchange's own alternate exchange, win over the policy's. The result is set on the Qpid queue or
 * exchange as the attributes {@link RabbitArguments} gives such a declare. While a policy changes a
 * queue, the queue's context keeps the arguments it was declared with: a redeclare is compared with
 * those ({@link QueueEquivalence}), and they come back when the policy goes.
 */
final class PolicyEffects {

    /** Queue context variable: the policy-settable arguments the queue was declared with (JSON), while a policy applies. */
    private static final String DECLARED = "brokersandbox.declared-arguments";
    /** Exchange context variable: set while the exchange's alternate exchange is a policy's. */
    private static final String ALTERNATE_FROM_POLICY = "brokersandbox.policy-alternate-exchange";
    /** The Qpid queue attributes a policy can change (a null value restores Qpid's default). */
    private static final List<String> QUEUE_ATTRIBUTES = List.of("maximumMessageTtl", "maximumQueueDepthMessages",
            "maximumQueueDepthBytes", "overflowPolicy", RabbitArguments.ALTERNATE_BINDING);
    /** The context variables of a queue a policy can change. */
    private static final List<String> QUEUE_CONTEXT = List.of(RabbitArguments.OVERFLOW, RabbitArguments.EXPIRES);
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyEffects() {
    }

    /** Gives {@code queue} what its policy says, or takes back what a policy that no longer applies gave it. */
    static void apply(Queue<?> queue) {
        String kept = queue.getContext().get(DECLARED);
        Policy policy = StreamQueues.isStream(queue) ? null // RabbitMQ's stream policy keys are others
                : Policies.applying(queue.getVirtualHost(), queue.getName(), true);
        if (policy == null && kept == null) {
            return; // the usual case: the queue is as declared
        }
        Map<String, Object> declared = kept != null ? read(kept) : declaredArguments(queue);
        Map<String, Object> qpid;
        try {
            qpid = RabbitArguments.toQpid(queue.getName(), merged(declared, policy));
        } catch (RabbitArguments.Invalid e) {
            throw new IllegalArgumentException("Policy '" + policy.name() + "' cannot apply to "
                    + ResourceNames.queue(queue) + ": " + e.getMessage(), e);
        }
        Map<String, Object> changes = new HashMap<>();
        QUEUE_ATTRIBUTES.forEach(attribute -> changes.put(attribute, qpid.get(attribute)));
        Map<String, String> context = new HashMap<>(queue.getContext());
        Map<?, ?> mergedContext = qpid.get("context") instanceof Map<?, ?> map ? map : Map.of();
        QUEUE_CONTEXT.forEach(variable -> putOrRemove(context, variable, (String) mergedContext.get(variable)));
        putOrRemove(context, DECLARED, policy == null ? null : write(declared));
        changes.put("context", context);
        if (qpid.get(RabbitArguments.ALTERNATE_BINDING) instanceof Map<?, ?> binding) {
            RabbitNodes.ensure(queue.getVirtualHost(), String.valueOf(binding.get("destination")));
        }
        queue.setAttributes(changes);
        if (changes.get(RabbitArguments.ALTERNATE_BINDING) == null) {
            QpidPrivateFields.forgetAlternateDestination(queue);
        }
        MaxLength.watchIfLimited(queue);
        ZeroTtl.watchIfZero(queue);
        PromptExpiry.watchIfTimed(queue);
        QueueExpiry.watchIfExpiring(queue);
    }

    /** Gives {@code exchange} its policy's alternate exchange, unless it was declared with one of its own. */
    static void apply(Exchange<?> exchange) {
        boolean fromPolicy = exchange.getContext().containsKey(ALTERNATE_FROM_POLICY);
        if (exchange.getName().isEmpty() || (exchange.getAlternateBinding() != null && !fromPolicy)) {
            return;
        }
        Policy policy = Policies.applying(exchange.getVirtualHost(), exchange.getName(), false);
        Object alternate = policy == null ? null : policy.definition().get(Policy.ALTERNATE_EXCHANGE);
        if (alternate == null && !fromPolicy) {
            return;
        }
        Map<String, String> context = new HashMap<>(exchange.getContext());
        Map<String, Object> changes = new HashMap<>();
        if (alternate == null) {
            context.remove(ALTERNATE_FROM_POLICY);
            changes.put(RabbitArguments.ALTERNATE_BINDING, null);
        } else {
            String destination = AlternateDestination.name((String) alternate);
            RabbitNodes.ensure(exchange.getVirtualHost(), destination);
            context.put(ALTERNATE_FROM_POLICY, "true");
            changes.put(RabbitArguments.ALTERNATE_BINDING, Map.of("destination", destination));
        }
        changes.put("context", context);
        exchange.setAttributes(changes);
        if (alternate == null) {
            QpidPrivateFields.forgetAlternateDestination(exchange);
        }
    }

    /** The Qpid attributes {@code queue} was declared with, where a policy has changed them; null when none has. */
    static Map<String, Object> declaredQpidArguments(Queue<?> queue) {
        String kept = queue.getContext().get(DECLARED);
        if (kept == null) {
            return null;
        }
        try {
            return RabbitArguments.toQpid(queue.getName(), read(kept));
        } catch (RabbitArguments.Invalid e) {
            throw new IllegalStateException("The declare arguments kept for " + ResourceNames.queue(queue)
                    + " are not valid: " + kept, e);
        }
    }

    /** The Qpid attributes a policy can change, as they are, put back into the RabbitMQ arguments they came from. */
    private static Map<String, Object> declaredArguments(Queue<?> queue) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        Map<String, Object> actual = queue.getActualAttributes();
        putNumber(arguments, "x-message-ttl", actual.get("maximumMessageTtl"));
        putNumber(arguments, "x-max-length", actual.get("maximumQueueDepthMessages"));
        putNumber(arguments, "x-max-length-bytes", actual.get("maximumQueueDepthBytes"));
        putNumber(arguments, "x-expires", queue.getContext().get(RabbitArguments.EXPIRES));
        String overflow = queue.getContext().get(RabbitArguments.OVERFLOW);
        if (overflow != null) {
            arguments.put("x-overflow", overflow);
        }
        AlternateBinding binding = queue.getAlternateBinding();
        DeadLetterDestination deadLetters = binding == null ? null
                : DeadLetterDestination.fromName(queue.getVirtualHost(), binding.getDestination());
        if (deadLetters != null) {
            arguments.put("x-dead-letter-exchange", deadLetters.exchange());
            if (deadLetters.routingKey() != null) {
                arguments.put("x-dead-letter-routing-key", deadLetters.routingKey());
            }
        }
        return arguments;
    }

    private static Map<String, Object> merged(Map<String, Object> declared, Policy policy) {
        Map<String, Object> merged = new HashMap<>(declared);
        if (policy == null) {
            return merged;
        }
        policy.definition().forEach((key, value) -> {
            String argument = Policy.QUEUE_KEYS.get(key);
            if (argument == null) {
                return; // an exchange's key
            }
            if (Policy.ARGUMENT_WINS.contains(key)) {
                merged.putIfAbsent(argument, value);
            } else {
                merged.merge(argument, value, (own, its) -> Math.min(((Number) own).longValue(), ((Number) its).longValue()));
            }
        });
        if (!merged.containsKey("x-dead-letter-exchange")) {
            merged.remove("x-dead-letter-routing-key"); // a policy's routing key with no dead-letter exchange to use it
        }
        return merged;
    }

    private static void putNumber(Map<String, Object> arguments, String argument, Object value) {
        if (value != null) {
            arguments.put(argument, Long.valueOf(String.valueOf(value)));
        }
    }

    private static void putOrRemove(Map<String, String> context, String variable, String value) {
        if (value == null) {
            context.remove(variable);
        } else {
            context.put(variable, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String json) {
        try {
            Map<String, Object> arguments = JSON.readValue(json, LinkedHashMap.class);
            // JSON numbers come back as the smallest type that holds them; RabbitMQ's integer types are all one here.
            arguments.replaceAll((name, value) -> value instanceof Number n ? (Object) n.longValue() : value);
            return arguments;
        } catch (JacksonException e) {
            throw new IllegalStateException("Unreadable declare arguments kept in a queue's context: " + json, e);
        }
    }

    private static String write(Map<String, Object> arguments) {
        try {
            return JSON.writeValueAsString(arguments);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }
}
