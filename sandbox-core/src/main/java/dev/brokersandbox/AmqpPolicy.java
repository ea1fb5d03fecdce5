package dev.brokersandbox;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A RabbitMQ policy, as {@code rabbitmqctl set_policy} sets one: the queues and exchanges whose
 * names {@code pattern} finds (a regular expression; anchor it with {@code ^} and {@code $} to
 * match whole names) get what {@code definition} says, those declared before and after it alike.
 * Of the policies that match a name, only the one of highest priority applies.
 *
 * <p>The sandbox applies these definition keys, merged with a queue's own arguments as RabbitMQ
 * merges them: {@code message-ttl}, {@code expires}, {@code max-length} and {@code max-length-bytes}
 * (the lower of the policy's value and the queue's argument wins); {@code overflow},
 * {@code dead-letter-exchange} and {@code dead-letter-routing-key} (the queue's own argument wins);
 * {@code alternate-exchange} for exchanges (the exchange's own argument wins). Any other key is
 * refused with an {@link IllegalArgumentException} naming it.
 *
 * <pre>{@code
 * amqp.setPolicy("/", AmqpPolicy.of("short-lived", "^tmp\\.", Map.of("message-ttl", 60_000)));
 * }</pre>
 *
 * @param name       the policy's name; setting a policy of the same name replaces it
 * @param pattern    the regular expression the names of queues and exchanges are matched against
 * @param definition what the policy sets: keys and values as in RabbitMQ ({@code "max-length", 10})
 * @param priority   which policy applies when several match: the highest
 * @param appliesTo  queues, exchanges, or both
 */
public record AmqpPolicy(String name, String pattern, Map<String, Object> definition, int priority,
                         AppliesTo appliesTo) {

    /** What a policy applies to ({@code --apply-to} of {@code rabbitmqctl set_policy}). */
    public enum AppliesTo {
        ALL, QUEUES, EXCHANGES;

        /** RabbitMQ's word for it: {@code all}, {@code queues} or {@code exchanges}. */
        public String rabbitName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static AppliesTo ofRabbitName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    public AmqpPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(appliesTo, "appliesTo");
        definition = Map.copyOf(definition);
    }

    /** A policy of priority 0 for queues and exchanges, as {@code rabbitmqctl set_policy} sets one by default. */
    public static AmqpPolicy of(String name, String pattern, Map<String, ?> definition) {
        return new AmqpPolicy(name, pattern, Map.copyOf(definition), 0, AppliesTo.ALL);
    }

    /** This policy with another priority. */
    public AmqpPolicy withPriority(int priority) {
        return new AmqpPolicy(name, pattern, definition, priority, appliesTo);
    }

    /** This policy, for {@code target} only. */
    public AmqpPolicy appliedTo(AppliesTo target) {
        return new AmqpPolicy(name, pattern, definition, priority, target);
    }

    @SuppressWarnings("unchecked")
    static AmqpPolicy of(Map<String, Object> row) {
        return new AmqpPolicy((String) row.get("name"), (String) row.get("pattern"),
                (Map<String, Object>) row.get("definition"), ((Number) row.get("priority")).intValue(),
                AppliesTo.ofRabbitName((String) row.get("apply-to")));
    }
}
