package dev.brokersandbox.runtime.rabbit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.qpid.server.bytebuffer.QpidByteBuffer;
import org.apache.qpid.server.message.InstanceProperties;
import org.apache.qpid.server.message.MessageDestination;
import org.apache.qpid.server.message.MessageReference;
import org.apache.qpid.server.message.RoutingResult;
import org.apache.qpid.server.message.ServerMessage;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.protocol.v0_8.AMQMessage;
import org.apache.qpid.server.protocol.v0_8.AMQShortString;
import org.apache.qpid.server.protocol.v0_8.FieldTable;
import org.apache.qpid.server.protocol.v0_8.MessageMetaData;
import org.apache.qpid.server.protocol.v0_8.transport.BasicContentHeaderProperties;
import org.apache.qpid.server.protocol.v0_8.transport.ContentHeaderBody;
import org.apache.qpid.server.protocol.v0_8.transport.MessagePublishInfo;
import org.apache.qpid.server.store.MessageHandle;
import org.apache.qpid.server.store.MessageStore;
import org.apache.qpid.server.store.StorableMessageMetaData;
import org.apache.qpid.server.store.StoredMessage;
import org.apache.qpid.server.txn.AutoCommitTransaction;

/**
 * A queue's dead-letter exchange as RabbitMQ uses it: Qpid routes a rejected or expired message to
 * the queue's alternate binding, which is this destination; it publishes a copy to the dead-letter
 * exchange with the x-death headers RabbitMQ adds, the dead-letter routing key if one was declared,
 * and without the message's own expiration (as RabbitMQ removes it).
 */
final class DeadLetterDestination extends SandboxDestination {

    static final String PREFIX = "brokersandbox.dead-letter/";
    /** Set while a message is routed here for a reason Qpid does not tell: the x-death reason. */
    private static final ThreadLocal<String> REASON = new ThreadLocal<>();

    private final String queue;
    private final String exchange;
    private final String routingKey;

    private DeadLetterDestination(VirtualHost<?> host, String queue, String exchange, String routingKey) {
        super(host);
        this.queue = queue;
        this.exchange = exchange;
        this.routingKey = routingKey;
    }

    /** Runs {@code deadLettering}, which routes a message to this kind of destination for want of room in its queue. */
    static void overLength(Runnable deadLettering) {
        because("maxlen", deadLettering);
    }

    /** Runs {@code deadLettering}, which routes a message to this kind of destination for {@code reason}. */
    static void because(String reason, Runnable deadLettering) {
        REASON.set(reason);
        try {
            deadLettering.run();
        } finally {
            REASON.remove();
        }
    }

    /** The destination name for a queue's dead-lettering: queue, exchange and routing key (null: keep the message's). */
    static String name(String queue, String exchange, String routingKey) {
        return PREFIX + encode(queue) + "/" + encode(exchange) + "/" + (routingKey == null ? "-" : "=" + encode(routingKey));
    }

    /** The destination a {@link #name} stands for, or null if it is not one of these names. */
    static DeadLetterDestination fromName(VirtualHost<?> host, String name) {
        if (name == null || !name.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = name.substring(PREFIX.length()).split("/", -1);
        if (parts.length != 3) {
            return null;
        }
        String key = parts[2].equals("-") ? null : decode(parts[2].substring(1));
        return new DeadLetterDestination(host, decode(parts[0]), decode(parts[1]), key);
    }

    @Override
    public String getName() {
        return name(queue, exchange, routingKey);
    }

    /** The dead-letter exchange. */
    String exchange() {
        return exchange;
    }

    /** The dead-letter routing key, or null: the message keeps its own. */
    String routingKey() {
        return routingKey;
    }

    @Override
    public <M extends ServerMessage<? extends StorableMessageMetaData>> RoutingResult<M> route(
            M message, String routingAddress, InstanceProperties instanceProperties) {
        if (message instanceof AMQMessage original) {
            MessageDestination target = exchange(host, exchange);
            if (target != null) {
                publish(original, target);
            }
        }
        // The copy went its own way; Qpid dequeues the original whatever this returns.
        return new RoutingResult<>(message);
    }

    private void publish(AMQMessage original, MessageDestination target) {
        BasicContentHeaderProperties properties =
                new BasicContentHeaderProperties(original.getContentHeaderBody().getProperties());
        String reason = REASON.get() != null ? REASON.get() : expired(original) ? "expired" : "rejected";
        FieldTable headers = HeaderTable.of(original.getContentHeaderBody().getProperties()); // types and all
        List<String> ccKeys = SenderSelectedDestination.routingKeys(properties.getHeader("CC"));
        Map<String, Object> deathHeaders = deathHeaders(original, properties, reason, ccKeys == null ? List.of() : ccKeys);
        // With a routing key of its own, the dead-letter exchange gets that one only: RabbitMQ drops CC.
        properties.setHeaders(HeaderTable.with(routingKey != null ? HeaderTable.without(headers, "CC") : headers,
                deathHeaders));
        properties.setExpiration(0);
        String key = routingKey != null ? routingKey : original.getInitialRoutingAddress();
        List<String> alsoRoutedBy = routingKey != null || ccKeys == null ? List.of() : ccKeys;
        MessagePublishInfo info = new MessagePublishInfo(AMQShortString.valueOf(exchange), false, false,
                AMQShortString.valueOf(key));
        MessageStore store = host.getMessageStore();
        MessageHandle<MessageMetaData> handle = store.addMessage(new MessageMetaData(info,
                new ContentHeaderBody(properties, original.getSize()), System.currentTimeMillis()));
        try (QpidByteBuffer content = original.getContent()) {
            handle.addContent(content);
        }
        StoredMessage<MessageMetaData> stored = handle.allContentAdded();
        AMQMessage copy = new AMQMessage(stored, null);
        try (MessageReference<AMQMessage> reference = copy.newReference()) {
            RoutingResult<AMQMessage> result = new SenderSelectedDestination(host, target, alsoRoutedBy)
                    .route(copy, key, InstanceProperties.EMPTY);
            Set<String> cycling = cycling((List<?>) deathHeaders.get("x-death"));
            result.filter(queue -> !cycling.contains(queue.getName()));
            result.send(new AutoCommitTransaction(store), null);
            PromptExpiry.arrived(Arrivals.queuesOf(result));
        }
    }

    private boolean expired(AMQMessage message) {
        long now = System.currentTimeMillis();
        if (message.getExpiration() > 0 && message.getExpiration() <= now) {
            return true;
        }
        Queue<?> source = host.getChildByName(Queue.class, queue);
        long ttl = source == null ? 0 : source.getMaximumMessageTtl();
        return ttl > 0 && message.getArrivalTime() + ttl <= now;
    }

    /**
     * The headers dead-lettering puts in: RabbitMQ's x-death (one entry per queue and reason, newest
     * first, its count raised on each repeat) and, the first time, x-first-death-*.
     */
    private Map<String, Object> deathHeaders(AMQMessage original, BasicContentHeaderProperties properties,
                                             String reason, List<String> ccKeys) {
        Map<String, Object> headers = properties.getHeadersAsMap();
        List<Object> deaths = new ArrayList<>();
        long count = 1;
        // Qpid reads an AMQP array as a FieldArray (a Collection) and the tables in it as FieldTables.
        if (headers.get("x-death") instanceof Collection<?> earlier) {
            for (Object item : earlier) {
                Object entry = item instanceof FieldTable table ? FieldTable.convertToMap(table) : item;
                if (entry instanceof Map<?, ?> death && queue.equals(String.valueOf(death.get("queue")))
                        && reason.equals(String.valueOf(death.get("reason")))) {
                    count += ((Number) death.get("count")).longValue();
                } else if (entry instanceof Map<?, ?> death && death.get("time") instanceof Long seconds) {
                    Map<Object, Object> kept = new LinkedHashMap<>(death);
                    kept.put("time", timestamp(seconds)); // Qpid decoded the timestamp to a long
                    deaths.add(kept);
                } else {
                    deaths.add(entry);
                }
            }
        }
        Map<String, Object> death = new LinkedHashMap<>();
        death.put("count", count);
        death.put("reason", reason);
        death.put("queue", queue);
        death.put("time", timestamp(System.currentTimeMillis() / 1000));
        AMQShortString publishedTo = original.getMessagePublishInfo().getExchange();
        death.put("exchange", publishedTo == null ? "" : publishedTo.toString()); // the default exchange is ""
        List<String> routingKeys = new ArrayList<>(List.of(original.getInitialRoutingAddress()));
        routingKeys.addAll(ccKeys); // the keys it was published with: its own and its CC header's
        death.put("routing-keys", routingKeys);
        BasicContentHeaderProperties published = original.getContentHeaderBody().getProperties();
        if (published.hasExpiration() && reason.equals("expired")) {
            death.put("original-expiration", Expiration.published(original));
        }
        deaths.add(0, death);
        Map<String, Object> added = new LinkedHashMap<>();
        added.put("x-death", deaths);
        if (!headers.containsKey("x-first-death-queue")) {
            added.put("x-first-death-queue", queue);
            added.put("x-first-death-reason", reason);
            added.put("x-first-death-exchange", death.get("exchange"));
        }
        return added;
    }

    /**
     * The queues RabbitMQ does not dead-letter a message to again: those it left, newest death first,
     * before any client rejected it. A message that expires (or overflows) round a cycle of queues
     * would go round for ever; one a consumer rejects on the way keeps going.
     */
    static Set<String> cycling(List<?> deaths) {
        Set<String> cycling = new HashSet<>();
        for (Object entry : deaths) {
            if (entry instanceof Map<?, ?> death) {
                if ("rejected".equals(String.valueOf(death.get("reason")))) {
                    break;
                }
                cycling.add(String.valueOf(death.get("queue")));
            }
        }
        return cycling;
    }

    /**
     * An AMQP timestamp (seconds since 1970) as a value Qpid encodes as one: Qpid writes a Date's
     * {@code getTime()} into the field unchanged, so the Date holds the seconds.
     */
    private static Date timestamp(long seconds) {
        return new Date(seconds);
    }
}
