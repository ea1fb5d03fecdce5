package dev.brokersandbox.runtime.rabbit;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.qpid.server.model.Queue;

/**
 * RabbitMQ's stream queues ({@code x-queue-type=stream}) as declared over AMQP 0-9-1: an append-only
 * log that consumers read without taking anything from it. Here a stream is a Qpid queue whose
 * messages never expire but by {@code x-max-age}, whose oldest messages go when it is over
 * {@code x-max-length-bytes}, and whose consumers only browse ({@link StreamConsumers}).
 */
final class StreamQueues {

    /** Arguments of classic and quorum queues that RabbitMQ refuses for a stream. */
    private static final Set<String> REFUSED = Set.of("x-message-ttl", "x-dead-letter-exchange",
            "x-dead-letter-routing-key", "x-max-length", "x-max-priority", "x-overflow", "x-expires",
            "x-single-active-consumer", "x-queue-mode", "x-delivery-limit", "x-max-in-memory-length",
            "x-quorum-initial-group-size", "x-queue-master-locator");
    /** Arguments about how RabbitMQ lays a stream out on disk or in a cluster: accepted, nothing to do here. */
    private static final Set<String> IGNORED = Set.of("x-stream-max-segment-size-bytes", "x-initial-cluster-size",
            "x-queue-leader-locator");
    private static final Pattern DURATION = Pattern.compile("(\\d+)([YMDhms])");

    private StreamQueues() {
    }

    static boolean declares(Map<String, Object> rabbitArguments) {
        return "stream".equals(String.valueOf(rabbitArguments.get("x-queue-type")));
    }

    static boolean isStream(Queue<?> queue) {
        return queue != null && "stream".equals(queue.getContext().get(RabbitArguments.QUEUE_TYPE));
    }

    /**
     * What RabbitMQ refuses in a stream's declare (406, this text), or null when it is fine; {@code queue}
     * names the queue as {@link ResourceNames#queue} does.
     */
    static String refusal(String queue, boolean durable, boolean exclusive, boolean autoDelete,
                          Map<String, Object> rabbitArguments) {
        String where = " for " + queue;
        String properties = RabbitArguments.replicatedRefusal(queue, durable, exclusive, autoDelete);
        if (properties != null) {
            return properties;
        }
        for (String argument : rabbitArguments.keySet()) {
            if (REFUSED.contains(argument)) {
                return "PRECONDITION_FAILED - invalid arg '" + argument + "'" + where
                        + " of queue type rabbit_stream_queue";
            }
        }
        Object bytes = rabbitArguments.get("x-max-length-bytes");
        if (bytes != null && !(bytes instanceof Number)) {
            return "PRECONDITION_FAILED - invalid arg 'x-max-length-bytes'" + where + ": expected an integer";
        }
        Object age = rabbitArguments.get("x-max-age");
        if (age != null && durationMillis(age) < 0) {
            return "PRECONDITION_FAILED - invalid arg 'x-max-age'" + where + ": invalid_max_age";
        }
        return null;
    }

    /** Qpid attributes for a stream's declare {@link #refusal} accepted. */
    static Map<String, Object> toQpid(Map<String, Object> rabbitArguments) {
        Map<String, Object> qpid = new HashMap<>();
        qpid.put("context", Map.of(RabbitArguments.QUEUE_TYPE, "stream"));
        qpid.put("messageDurability", "ALWAYS"); // a stream keeps every message on disk
        qpid.put("minimumMessageTtl", Long.MAX_VALUE); // a message's own expiration means nothing to a stream
        for (Map.Entry<String, Object> e : rabbitArguments.entrySet()) {
            switch (e.getKey()) {
                case "x-queue-type" -> { }
                case "x-max-age" -> qpid.put("maximumMessageTtl", durationMillis(e.getValue()));
                case "x-max-length-bytes" -> {
                    qpid.put("maximumQueueDepthBytes", ((Number) e.getValue()).longValue());
                    qpid.put("overflowPolicy", "RING"); // the oldest messages go
                }
                default -> {
                    if (!IGNORED.contains(e.getKey())) {
                        qpid.put(e.getKey(), e.getValue());
                    }
                }
            }
        }
        return qpid;
    }

    /** A duration as RabbitMQ writes it for x-max-age and x-stream-offset ("7D", "12h", ...) in milliseconds, or -1. */
    static long durationMillis(Object value) {
        Matcher age = value instanceof CharSequence text ? DURATION.matcher(text) : null;
        if (age == null || !age.matches()) {
            return -1;
        }
        long seconds = switch (age.group(2)) {
            case "Y" -> 365L * 24 * 3600;
            case "M" -> 30L * 24 * 3600;
            case "D" -> 24L * 3600;
            case "h" -> 3600;
            case "m" -> 60;
            default -> 1;
        };
        return Long.parseLong(age.group(1)) * seconds * 1000;
    }
}
