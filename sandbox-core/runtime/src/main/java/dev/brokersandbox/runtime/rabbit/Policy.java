package dev.brokersandbox.runtime.rabbit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * One RabbitMQ policy ({@code rabbitmqctl set_policy}): the queues and exchanges whose names its
 * pattern finds (a regular expression, not anchored unless it says so), and the definition it
 * gives them. Checked as RabbitMQ checks it when it is set, so that a bad one is refused with the
 * key at fault named rather than ignored later.
 */
record Policy(String name, String pattern, String applyTo, int priority, Map<String, Object> definition) {

    /** The definition keys the sandbox applies, with the queue argument each stands for. */
    static final Map<String, String> QUEUE_KEYS = Map.of(
            "message-ttl", "x-message-ttl",
            "expires", "x-expires",
            "max-length", "x-max-length",
            "max-length-bytes", "x-max-length-bytes",
            "overflow", "x-overflow",
            "dead-letter-exchange", "x-dead-letter-exchange",
            "dead-letter-routing-key", "x-dead-letter-routing-key");
    static final String ALTERNATE_EXCHANGE = "alternate-exchange";
    /** Keys whose queue argument a policy never overrides; for the others the lower value wins. */
    static final Set<String> ARGUMENT_WINS = Set.of("overflow", "dead-letter-exchange", "dead-letter-routing-key");
    private static final Set<String> APPLY_TO = Set.of("all", "queues", "exchanges");
    private static final Set<String> OVERFLOWS = Set.of("drop-head", "reject-publish", "reject-publish-dlx");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The policy these words of {@code rabbitmqctl set_policy} describe; IllegalArgumentException names what is wrong. */
    static Policy parse(String name, String pattern, Map<String, Object> definition, int priority, String applyTo) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A policy needs a name");
        }
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("The pattern of policy '" + name + "' is not a regular expression: "
                    + (pattern == null ? "none given" : e.getMessage()));
        }
        if (!APPLY_TO.contains(applyTo)) {
            throw new IllegalArgumentException("Policy '" + name + "' applies to '" + applyTo
                    + "'; RabbitMQ knows all, queues and exchanges");
        }
        if (definition == null || definition.isEmpty()) {
            throw new IllegalArgumentException("The definition of policy '" + name + "' needs at least one key, "
                    + "such as {\"message-ttl\":60000}");
        }
        definition.forEach((key, value) -> check(name, key, value));
        return new Policy(name, pattern, applyTo, priority, new LinkedHashMap<>(definition));
    }

    /** Whether this policy is for {@code resource}, a queue or (with {@code queue} false) an exchange. */
    boolean appliesTo(String resource, boolean queue) {
        return (applyTo.equals("all") || applyTo.equals(queue ? "queues" : "exchanges"))
                && Pattern.compile(pattern).matcher(resource).find();
    }

    /** The whole policy as it is kept in its virtual host's context. */
    String toJson() {
        Map<String, Object> whole = new LinkedHashMap<>();
        whole.put("pattern", pattern);
        whole.put("apply-to", applyTo);
        whole.put("priority", priority);
        whole.put("definition", definition);
        return json(whole);
    }

    /** The policy {@link #toJson} wrote. */
    @SuppressWarnings("unchecked")
    static Policy fromJson(String name, String json) {
        try {
            Map<String, Object> whole = JSON.readValue(json, LinkedHashMap.class);
            return new Policy(name, (String) whole.get("pattern"), (String) whole.get("apply-to"),
                    ((Number) whole.get("priority")).intValue(), (Map<String, Object>) whole.get("definition"));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Policy '" + name + "' kept in the virtual host is not readable: " + json, e);
        }
    }

    private static void check(String policy, String key, Object value) {
        String where = "Policy '" + policy + "': ";
        switch (key) {
            case "message-ttl", "max-length", "max-length-bytes" -> {
                if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0) {
                    throw new IllegalArgumentException(where + key + " must be a non-negative integer, not " + value);
                }
            }
            case "expires" -> {
                if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 1) {
                    throw new IllegalArgumentException(where + key + " must be an integer of at least 1, not " + value);
                }
            }
            case "overflow" -> {
                if (!OVERFLOWS.contains(value)) {
                    throw new IllegalArgumentException(where + "overflow must be one of " + OVERFLOWS + ", not " + value);
                }
            }
            case "dead-letter-exchange", "dead-letter-routing-key", ALTERNATE_EXCHANGE -> {
                if (!(value instanceof String)) {
                    throw new IllegalArgumentException(where + key + " must be a string, not " + value);
                }
            }
            default -> throw new IllegalArgumentException(where + "the sandbox does not apply '" + key + "'; it applies "
                    + "message-ttl, expires, max-length, max-length-bytes, overflow, dead-letter-exchange, "
                    + "dead-letter-routing-key and alternate-exchange (see docs/rabbitmq-compatibility.md)");
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }
}
