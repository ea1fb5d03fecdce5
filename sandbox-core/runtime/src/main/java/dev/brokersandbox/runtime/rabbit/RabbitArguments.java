package dev.brokersandbox.runtime.rabbit;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.qpid.server.protocol.v0_8.FieldTable;

/**
 * The translation table from RabbitMQ's {@code queue.declare} arguments to Qpid Broker-J queue
 * attributes, in one place. Qpid's 0-9-1 layer takes a declare argument named like a queue attribute
 * as that attribute, so translating the names is all most arguments need.
 *
 * <pre>
 * RabbitMQ argument            Qpid queue attribute                    note
 * x-message-ttl                maximumMessageTtl                       per-queue TTL, also for messages without expiration
 * x-dead-letter-exchange       alternateBinding: a DeadLetterDestination   it re-publishes rejected, nacked and
 * x-dead-letter-routing-key      naming queue, exchange and routing key      expired messages with x-death headers
 * x-max-length                 maximumQueueDepthMessages               enforced by MaxLength (drop-head) unless x-overflow says otherwise
 * x-max-length-bytes           maximumQueueDepthBytes                  same, counting ready message bodies
 * x-overflow=drop-head         overflowPolicy=NONE, MaxLength          the oldest message is dead-lettered (reason maxlen)
 * x-overflow=reject-publish    overflowPolicy=REJECT                   the publish is nacked (see RabbitConnection); RefusedPublish
 *                                                                      routes it to the other queues with room
 * x-overflow=reject-publish-dlx overflowPolicy=REJECT                  the same, and RefusedPublish dead-letters it (reason maxlen)
 * x-overflow (any)             context brokersandbox.x-overflow        the value as given, for RefusedPublish and QueueEquivalence
 * x-delivery-limit             context brokersandbox.x-delivery-limit  quorum queues: see QuorumQueues
 * x-max-priority               priorities                              Qpid then makes a priority queue
 * x-single-active-consumer     maximumLiveConsumers=1
 * x-queue-type=classic         (none)
 * x-queue-type=quorum          context brokersandbox.x-queue-type      a classic queue with x-delivery-count; see QuorumQueues
 * x-queue-type=stream          see StreamQueues                        an append-only log its consumers browse
 * x-expires                    (none: QueueExpiry deletes the idle queue)
 * </pre>
 */
final class RabbitArguments {

    /** Qpid's queue attribute for where rejected and expired messages go. */
    static final String ALTERNATE_BINDING = "alternateBinding";

    // Queue context variables that keep what Qpid has no attribute for.
    /** A declare's x-overflow as given (Qpid's policy alone cannot tell the two reject modes apart). */
    static final String OVERFLOW = "brokersandbox.x-overflow";
    /** A declare's x-queue-type when it is quorum or stream. */
    static final String QUEUE_TYPE = "brokersandbox.x-queue-type";
    /** A quorum queue's x-delivery-limit. */
    static final String DELIVERY_LIMIT = "brokersandbox.x-delivery-limit";
    /** The queue context variable with the x-expires it was declared with, for the equivalence of a redeclare. */
    static final String EXPIRES = "brokersandbox.x-expires";

    /** The AMQP field types of the values Qpid decodes, by the names RabbitMQ gives them in its errors. */
    private static final Map<Class<?>, String> AMQP_TYPES = types();

    /** The highest x-max-priority RabbitMQ accepts. */
    private static final int MAX_PRIORITY = 255;

    private RabbitArguments() {
    }

    /** A declare argument with a value RabbitMQ refuses (406). */
    static final class Invalid extends Exception {
        private final String argument;
        private final String detail;
        private final String type;

        /** A value RabbitMQ refuses for what it is; {@code detail} is RabbitMQ's account of it. */
        Invalid(String argument, String detail) {
            this(argument, detail, null);
        }

        private Invalid(String argument, String detail, String type) {
            super(argument + ": " + (type == null ? detail : "invalid type " + type));
            this.argument = argument;
            this.detail = detail;
            this.type = type;
        }

        /** A value of an AMQP type RabbitMQ does not take for {@code argument} at all. */
        static Invalid type(String argument, Object value) {
            return new Invalid(argument, null, amqpType(value));
        }

        /** RabbitMQ's 406 text for this argument of the queue {@code where} names (see {@link ResourceNames}). */
        String text(String where) {
            return type != null
                    ? "PRECONDITION_FAILED - invalid type '" + type + "' for arg '" + argument + "' in " + where
                    : "PRECONDITION_FAILED - invalid arg '" + argument + "' for " + where + ": " + detail;
        }
    }

    /**
     * Qpid attributes for RabbitMQ {@code arguments}; arguments RabbitMQ does not know are passed on
     * unchanged (Qpid's own attribute names among them).
     */
    static Map<String, Object> toQpid(String queue, Map<String, Object> arguments) throws Invalid {
        Map<String, Object> rabbit = new LinkedHashMap<>(arguments);
        Map<String, Object> qpid = new HashMap<>();
        boolean maxLength = false;
        String overflow = null;
        String deadLetterExchange = null;
        String deadLetterRoutingKey = null;
        Map<String, String> context = new HashMap<>();
        for (Map.Entry<String, Object> e : rabbit.entrySet()) {
            String name = e.getKey();
            Object value = e.getValue();
            switch (name) {
                case "x-message-ttl" -> qpid.put("maximumMessageTtl", nonNegative(name, value)); // 0: see ZeroTtl
                case "x-dead-letter-exchange" -> {
                    if (!(value instanceof String)) {
                        throw Invalid.type(name, value);
                    }
                    deadLetterExchange = (String) value;
                }
                case "x-dead-letter-routing-key" -> {
                    // RabbitMQ words this one's refusal as it does a number's, not as the exchange's.
                    if (!(value instanceof String)) {
                        throw new Invalid(name, "{unacceptable_type," + amqpType(value) + "}");
                    }
                    deadLetterRoutingKey = (String) value;
                }
                case "x-max-length" -> {
                    qpid.put("maximumQueueDepthMessages", nonNegative(name, value));
                    maxLength = true;
                }
                case "x-max-length-bytes" -> {
                    qpid.put("maximumQueueDepthBytes", nonNegative(name, value));
                    maxLength = true;
                }
                case "x-overflow" -> overflow = String.valueOf(value);
                case "x-max-priority" -> qpid.put("priorities", Math.max(1, (int) maxPriority(value)));
                case "x-single-active-consumer" -> {
                    if (!(value instanceof Boolean)) {
                        throw new Invalid(name, "{unacceptable_type," + amqpType(value) + "}");
                    }
                    if (Boolean.TRUE.equals(value)) {
                        qpid.put("maximumLiveConsumers", 1);
                    }
                }
                case "x-queue-type" -> {
                    String type = String.valueOf(value);
                    if (type.equals("quorum")) {
                        context.put(QUEUE_TYPE, type);
                    } else if (!type.equals("classic")) {
                        throw new Invalid(name, type + " (RabbitMQ knows classic, quorum and stream)");
                    }
                }
                case "x-queue-mode" -> {
                    if (value instanceof String mode && !mode.equals("default") && !mode.equals("lazy")) {
                        throw new Invalid(name, "\"unsupported queue mode '" + mode + "'\"");
                    }
                    qpid.put(name, value); // Qpid keeps no queue mode: it is ignored, as RabbitMQ 3.10's lazy mostly is
                }
                case "x-delivery-limit" -> context.put(DELIVERY_LIMIT, String.valueOf(integer(name, value)));
                case "x-expires" -> context.put(EXPIRES, String.valueOf(expires(value)));
                default -> qpid.put(name, value);
            }
        }
        if (deadLetterExchange != null) {
            // Qpid routes rejected and expired messages to the alternate binding; ours re-publishes them as RabbitMQ would.
            qpid.put(ALTERNATE_BINDING,
                    Map.of("destination", DeadLetterDestination.name(queue, deadLetterExchange, deadLetterRoutingKey)));
        } else if (deadLetterRoutingKey != null) {
            throw new Invalid("x-dead-letter-routing-key", "routing_key_but_no_dlx_defined");
        }
        if (overflow != null) {
            qpid.put("overflowPolicy", switch (overflow) {
                case "drop-head" -> "NONE";
                case "reject-publish", "reject-publish-dlx" -> "REJECT";
                default -> throw new Invalid("x-overflow",
                        overflow + " (RabbitMQ knows drop-head, reject-publish and reject-publish-dlx)");
            });
            context.put(OVERFLOW, overflow);
        }
        if (!context.isEmpty()) {
            qpid.put("context", context);
        }
        if (maxLength && !qpid.containsKey("overflowPolicy")) {
            // drop-head (RabbitMQ's default) is done by MaxLength, which dead-letters what it drops; Qpid's
            // ring policy would only delete it. With NONE Qpid keeps the limits as attributes and leaves them be.
            qpid.put("overflowPolicy", "NONE");
        }
        return qpid;
    }

    /**
     * What RabbitMQ refuses (406, this text) in the declare of a queue it replicates (quorum, stream):
     * one that is not durable, or exclusive, or auto-delete; null when the declare has none of these.
     * {@code queue} names the queue as {@link ResourceNames#queue} does.
     */
    static String replicatedRefusal(String queue, boolean durable, boolean exclusive, boolean autoDelete) {
        String where = " for " + queue;
        if (autoDelete) {
            return "PRECONDITION_FAILED - invalid property 'auto-delete'" + where;
        }
        if (exclusive) {
            return "PRECONDITION_FAILED - invalid property 'exclusive-owner'" + where;
        }
        if (!durable) {
            return "PRECONDITION_FAILED - invalid property 'non-durable'" + where;
        }
        return null;
    }

    /** The x-expires of a declare in milliseconds, or null without one; RabbitMQ wants a positive integer. */
    private static Long expires(Object value) throws Invalid {
        if (value == null) {
            return null;
        }
        long ttl = nonNegative("x-expires", value);
        if (ttl == 0) {
            throw new Invalid("x-expires", "{value_zero,0}");
        }
        return ttl;
    }

    private static long maxPriority(Object value) throws Invalid {
        long priority = nonNegative("x-max-priority", value);
        if (priority > MAX_PRIORITY) {
            throw new Invalid("x-max-priority", "{max_value_exceeded," + priority + "}");
        }
        return priority;
    }

    private static long nonNegative(String name, Object value) throws Invalid {
        long number = integer(name, value);
        if (number < 0) {
            throw new Invalid(name, "{value_negative," + number + "}");
        }
        return number;
    }

    /** RabbitMQ takes only AMQP's integer types where it wants a number: not a string, not a double. */
    static long integer(String name, Object value) throws Invalid {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw new Invalid(name, "\"expected integer, got " + amqpType(value) + "\"");
    }

    /** The name RabbitMQ gives the AMQP field type of {@code value}. */
    static String amqpType(Object value) {
        if (value == null) {
            return "void";
        }
        for (Map.Entry<Class<?>, String> type : AMQP_TYPES.entrySet()) {
            if (type.getKey().isInstance(value)) {
                return type.getValue();
            }
        }
        return value.getClass().getSimpleName();
    }

    private static Map<Class<?>, String> types() {
        Map<Class<?>, String> types = new LinkedHashMap<>();
        types.put(Integer.class, "signedint");
        types.put(Long.class, "long");
        types.put(Short.class, "short");
        types.put(Byte.class, "byte");
        types.put(CharSequence.class, "longstr");
        types.put(Double.class, "double");
        types.put(Float.class, "float");
        types.put(BigDecimal.class, "decimal");
        types.put(Boolean.class, "bool");
        types.put(Map.class, "table");
        types.put(FieldTable.class, "table");
        types.put(Collection.class, "array");
        types.put(Object[].class, "array");
        types.put(Date.class, "timestamp");
        types.put(byte[].class, "binary");
        return types;
    }
}
