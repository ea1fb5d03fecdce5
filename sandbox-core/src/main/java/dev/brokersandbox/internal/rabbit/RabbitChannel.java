package dev.brokersandbox.internal.rabbit;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.qpid.server.bytebuffer.QpidByteBuffer;
import org.apache.qpid.server.filter.MessageFilter;
import org.apache.qpid.server.model.Exchange;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.protocol.v0_8.AMQChannel;
import org.apache.qpid.server.protocol.v0_8.AMQShortString;
import org.apache.qpid.server.protocol.v0_8.FieldTable;
import org.apache.qpid.server.protocol.v0_8.transport.BasicContentHeaderProperties;
import org.apache.qpid.server.protocol.v0_8.transport.ServerChannelMethodProcessor;

/**
 * One channel's methods on their way to Qpid's 0-9-1 layer: where RabbitMQ answers differently, the
 * answer is given here (or the method is reshaped first); everything else goes to Qpid unchanged.
 */
final class RabbitChannel implements ServerChannelMethodProcessor {

    // AMQP 0-9-1 reply codes RabbitMQ uses for channel errors.
    private static final int ACCESS_REFUSED = 403;
    private static final int NOT_FOUND = 404;
    private static final int RESOURCE_LOCKED = 405;
    private static final int PRECONDITION_FAILED = 406;
    private static final int NOT_IMPLEMENTED = 540;
    private static final String DIRECT_REPLY_TO = "amq.rabbitmq.reply-to";

    private final RabbitConnection connection;
    private final AMQChannel channel;
    private final ServerChannelMethodProcessor qpid;
    private final DeliveryTags deliveryTags;
    private final ConsumerCancellations cancellations;
    private final ChannelPrefetch prefetch;
    private final StreamConsumers streams;
    private String queueBeingRead;
    private String queueBeingConsumed;
    /** The tag Qpid answered the basic.consume being processed with. */
    private String startedTag;
    /** The publish Qpid is taking outside a transaction, until the next. */
    private Publish current;
    private boolean transactional;
    /** This channel's queue behind amq.rabbitmq.reply-to, once it consumes from that pseudo-queue. */
    private String replyQueue;

    RabbitChannel(RabbitConnection connection, AMQChannel channel, ServerChannelMethodProcessor qpid) {
        this.connection = connection;
        this.channel = channel;
        this.qpid = qpid;
        this.deliveryTags = new DeliveryTags(channel);
        this.cancellations = new ConsumerCancellations(connection, channel);
        this.prefetch = new ChannelPrefetch(channel);
        this.streams = new StreamConsumers(channel);
    }

    boolean wraps(AMQChannel candidate) {
        return channel == candidate;
    }

    private VirtualHost<?> virtualHost() {
        return (VirtualHost<?>) channel.getAddressSpace();
    }

    private void closeChannel(int code, String text) {
        connection.closeChannelAndWriteFrame(channel, code, text);
    }

    @Override
    public void receiveQueueDeclare(AMQShortString queue, boolean passive, boolean durable, boolean exclusive,
                                    boolean autoDelete, boolean nowait, FieldTable arguments) {
        String name = queue == null ? "" : queue.toString();
        if (name.isEmpty()) {
            // RabbitMQ names server-named queues amq.gen-<22 url-safe base64 chars>; Qpid tmp_<uuid>.
            queue = AMQShortString.valueOf(serverName());
        } else if (!passive && name.startsWith("amq.")) {
            closeChannel(ACCESS_REFUSED, "ACCESS_REFUSED - queue name '" + name + "' contains reserved prefix 'amq.*'");
            return;
        }
        Queue<?> existing = name.isEmpty() ? null : virtualHost().getChildByName(Queue.class, name);
        if (existing != null && !existing.verifySessionAccess(channel)) {
            closeChannel(RESOURCE_LOCKED, "RESOURCE_LOCKED - cannot obtain exclusive access to locked queue '"
                    + name + "' in vhost '/'");
            return;
        }
        Map<String, Object> rabbit = arguments == null ? new HashMap<>() : new HashMap<>(FieldTable.convertToMap(arguments));
        boolean stream = StreamQueues.declares(rabbit);
        String streamRefusal = stream && !passive
                ? StreamQueues.refusal(queue.toString(), durable, exclusive, autoDelete, rabbit) : null;
        if (streamRefusal != null) {
            closeChannel(PRECONDITION_FAILED, streamRefusal);
            return;
        }
        Long expires;
        Map<String, Object> qpidArguments;
        try {
            expires = RabbitArguments.expires(queue.toString(), rabbit.remove("x-expires"));
            qpidArguments = stream ? StreamQueues.toQpid(rabbit) : RabbitArguments.toQpid(queue.toString(), rabbit);
        } catch (RabbitArguments.Invalid e) {
            closeChannel(PRECONDITION_FAILED, "PRECONDITION_FAILED - " + e.getMessage());
            return;
        }
        if (existing != null && !passive) {
            String difference = QueueEquivalence.difference(existing, durable, qpidArguments);
            if (difference != null) {
                closeChannel(PRECONDITION_FAILED, "PRECONDITION_FAILED - inequivalent arg '" + difference
                        + "' for queue '" + name + "'");
                return;
            }
        }
        if (qpidArguments.get(RabbitArguments.ALTERNATE_BINDING) instanceof Map<?, ?> binding) {
            RabbitNodes.ensure(virtualHost(), String.valueOf(binding.get("destination")));
        }
        qpid.receiveQueueDeclare(queue, passive, durable, exclusive, autoDelete, nowait,
                FieldTable.convertToFieldTable(qpidArguments));
        Queue<?> declared = virtualHost().getChildByName(Queue.class, queue.toString());
        if (declared != null && "NONE".equals(String.valueOf(qpidArguments.get("overflowPolicy")))
                && (qpidArguments.containsKey("maximumQueueDepthMessages")
                || qpidArguments.containsKey("maximumQueueDepthBytes"))) {
            MaxLength.watch(declared);
        }
        if (declared != null) {
            if (existing == null && expires != null) {
                QueueExpiry.start(declared, expires);
            } else {
                QueueExpiry.touch(declared);
            }
        }
    }

    private static String serverName() {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        UUID uuid = UUID.randomUUID();
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return "amq.gen-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    @Override
    public void receiveExchangeDeclare(AMQShortString exchange, AMQShortString type, boolean passive,
                                       boolean durable, boolean autoDelete, boolean internal, boolean nowait,
                                       FieldTable arguments) {
        String name = exchange == null ? "" : exchange.toString();
        if (!passive && name.startsWith("amq.")) {
            closeChannel(ACCESS_REFUSED, "ACCESS_REFUSED - exchange name '" + name + "' contains reserved prefix 'amq.*'");
            return;
        }
        Exchange<?> existing = name.isEmpty() ? null : virtualHost().getChildByName(Exchange.class, name);
        if (existing != null && !passive && type != null && !type.toString().equals(existing.getType())) {
            closeChannel(PRECONDITION_FAILED, "PRECONDITION_FAILED - inequivalent arg 'type' for exchange '" + name
                    + "': received '" + type + "' but current is '" + existing.getType() + "'");
            return;
        }
        if (arguments != null) {
            Map<String, Object> args = new HashMap<>(FieldTable.convertToMap(arguments));
            Object alternate = args.remove("alternate-exchange");
            if (alternate != null) {
                String destination = AlternateDestination.name(String.valueOf(alternate));
                RabbitNodes.ensure(virtualHost(), destination);
                args.put(RabbitArguments.ALTERNATE_BINDING, Map.of("destination", destination));
            }
            arguments = FieldTable.convertToFieldTable(args);
        }
        qpid.receiveExchangeDeclare(exchange, type, passive, durable, autoDelete, internal, nowait, arguments);
    }

    /** exchange.bind / exchange.unbind: Qpid's model binds exchanges to exchanges; its 0-9-1 layer has no method for it. */
    void receiveExchangeBind(boolean bind, String destination, String source, String routingKey, boolean nowait,
                             Map<String, Object> arguments) {
        Exchange<?> from = virtualHost().getChildByName(Exchange.class, source);
        if (from == null || virtualHost().getChildByName(Exchange.class, destination) == null) {
            closeChannel(NOT_FOUND, "NOT_FOUND - no exchange '" + (from == null ? source : destination) + "' in vhost '/'");
            return;
        }
        try {
            if (bind) {
                from.bind(destination, routingKey, arguments, false);
            } else {
                from.unbind(destination, routingKey);
            }
        } catch (RuntimeException e) {
            closeChannel(PRECONDITION_FAILED, "PRECONDITION_FAILED - " + e.getMessage());
            return;
        }
        if (!nowait) {
            connection.writeFrame((bind ? EmptyMethodBody.EXCHANGE_BIND_OK : EmptyMethodBody.EXCHANGE_UNBIND_OK)
                    .generateFrame(channel.getChannelId()));
        }
    }

    @Override
    public void receiveQueueDelete(AMQShortString queue, boolean ifUnused, boolean ifEmpty, boolean nowait) {
        String name = queue == null ? "" : queue.toString();
        Queue<?> existing = virtualHost().getChildByName(Queue.class, name);
        if (existing == null) {
            // RabbitMQ answers the deletion of a missing queue with delete-ok (0 messages).
            if (!nowait) {
                connection.writeFrame(connection.getMethodRegistry().createQueueDeleteOkBody(0)
                        .generateFrame(channel.getChannelId()));
            }
            return;
        }
        if (!existing.verifySessionAccess(channel)) {
            closeChannel(RESOURCE_LOCKED, "RESOURCE_LOCKED - cannot obtain exclusive access to locked queue '" + name + "'");
            return;
        }
        qpid.receiveQueueDelete(queue, ifUnused, ifEmpty, nowait);
    }

    @Override
    public void receiveBasicConsume(AMQShortString queue, AMQShortString consumerTag, boolean noLocal, boolean noAck,
                                    boolean exclusive, boolean nowait, FieldTable arguments) {
        Queue<?> existing = queue == null ? null : virtualHost().getChildByName(Queue.class, queue.toString());
        if (queue != null && DIRECT_REPLY_TO.equals(queue.toString())) {
            consumeDirectReplies(consumerTag, noAck, nowait, arguments);
        } else if (StreamQueues.isStream(existing)) {
            consumeStream(existing, consumerTag, noAck, nowait, arguments);
        } else if (!lockedQueue(queue) && !inExclusiveUse(queue, exclusive)) {
            queueBeingConsumed = queue == null ? null : queue.toString();
            startedTag = null;
            try {
                qpid.receiveBasicConsume(queue, consumerTag, noLocal, noAck, exclusive, nowait, arguments);
            } finally {
                queueBeingConsumed = null;
            }
            prefetch.started(startedTag != null ? startedTag : String.valueOf(consumerTag), !noAck);
        }
    }

    /**
     * A consumer of a stream browses it from where {@code x-stream-offset} says; RabbitMQ wants it
     * to acknowledge and to have a prefetch of its own (and ignores {@code exclusive}).
     */
    private void consumeStream(Queue<?> stream, AMQShortString consumerTag, boolean noAck, boolean nowait,
                               FieldTable arguments) {
        String where = "queue '" + stream.getName() + "' in vhost '/'";
        if (prefetch.perConsumer() == 0) {
            closeChannel(PRECONDITION_FAILED, "PRECONDITION_FAILED - consumer prefetch count is not set for '" + where + "'");
            return;
        }
        if (noAck) {
            connection.sendConnectionClose(NOT_IMPLEMENTED,
                    "NOT_IMPLEMENTED - automatic acknowledgement not supported by stream queues " + where,
                    channel.getChannelId());
            return;
        }
        MessageFilter start;
        try {
            start = StreamConsumers.start(stream, arguments);
        } catch (StreamConsumers.InvalidOffset e) {
            closeChannel(PRECONDITION_FAILED, e.getMessage());
            return;
        }
        startedTag = null;
        queueBeingConsumed = stream.getName();
        try {
            qpid.receiveBasicConsume(AMQShortString.valueOf(stream.getName()), consumerTag, false, false, false, nowait,
                    StreamConsumers.browsing(arguments));
        } finally {
            queueBeingConsumed = null;
        }
        streams.started(startedTag != null ? startedTag : String.valueOf(consumerTag), stream, start,
                prefetch.perConsumer());
    }

    /** RabbitMQ's answer (540, closing the connection) to {@code method} on a stream, which it does not support. */
    private boolean notOnAStream(AMQShortString queue, String method) {
        Queue<?> existing = queue == null ? null : virtualHost().getChildByName(Queue.class, queue.toString());
        if (StreamQueues.isStream(existing)) {
            connection.sendConnectionClose(NOT_IMPLEMENTED, "NOT_IMPLEMENTED - " + method
                    + " not supported by stream queues queue '" + queue + "' in vhost '/'", channel.getChannelId());
            return true;
        }
        return false;
    }

    /**
     * RabbitMQ refuses on the channel (403) a consumer of a queue an exclusive consumer holds, and an
     * exclusive consumer of a queue that has consumers; Qpid closes the connection.
     */
    private boolean inExclusiveUse(AMQShortString queue, boolean exclusive) {
        Queue<?> existing = queue == null ? null : virtualHost().getChildByName(Queue.class, queue.toString());
        if (existing != null && (exclusive && existing.getConsumerCount() > 0
                || existing.getConsumers().stream().anyMatch(consumer -> consumer.isExclusive()))) {
            closeChannel(ACCESS_REFUSED, "ACCESS_REFUSED - queue '" + queue + "' in vhost '/' in exclusive use");
            return true;
        }
        return false;
    }

    @Override
    public void receiveBasicGet(AMQShortString queue, boolean noAck) {
        if (!lockedQueue(queue) && !notOnAStream(queue, "basic.get")) {
            queueBeingRead = queue == null ? null : queue.toString();
            Queue<?> read = queue == null ? null : virtualHost().getChildByName(Queue.class, queueBeingRead);
            if (read != null) {
                QueueExpiry.touch(read);
            }
            try {
                qpid.receiveBasicGet(queue, noAck);
            } finally {
                queueBeingRead = null;
            }
        }
    }

    /**
     * RabbitMQ's direct reply-to: consuming from the pseudo-queue amq.rabbitmq.reply-to gives this
     * channel a queue of its own (exclusive, deleted with the connection), and requests it publishes
     * with reply_to=amq.rabbitmq.reply-to carry that queue's name, which a server publishes back to.
     */
    private void consumeDirectReplies(AMQShortString consumerTag, boolean noAck, boolean nowait, FieldTable arguments) {
        if (!noAck) {
            closeChannel(PRECONDITION_FAILED, "PRECONDITION_FAILED - reply consumer cannot acknowledge");
            return;
        }
        if (replyQueue != null) {
            closeChannel(PRECONDITION_FAILED, "PRECONDITION_FAILED - reply consumer already set");
            return;
        }
        replyQueue = DIRECT_REPLY_TO + "." + serverName().substring("amq.gen-".length());
        AMQShortString name = AMQShortString.valueOf(replyQueue);
        qpid.receiveQueueDeclare(name, false, false, true, true, true, null);
        queueBeingConsumed = replyQueue;
        try {
            qpid.receiveBasicConsume(name, consumerTag, false, true, true, nowait, arguments);
        } finally {
            queueBeingConsumed = null;
        }
    }

    /** The queue a basic.get of this channel is taking a message from, while Qpid answers it. */
    String queueBeingRead() {
        return queueBeingRead;
    }

    @Override
    public void receiveQueueBind(AMQShortString queue, AMQShortString exchange, AMQShortString bindingKey,
                                 boolean nowait, FieldTable arguments) {
        if (!lockedQueue(queue)) {
            qpid.receiveQueueBind(queue, exchange, bindingKey, nowait, arguments);
        }
    }

    @Override
    public void receiveQueuePurge(AMQShortString queue, boolean nowait) {
        if (!lockedQueue(queue) && !notOnAStream(queue, "queue.purge")) {
            qpid.receiveQueuePurge(queue, nowait);
        }
    }

    /** RabbitMQ closes only the channel (405) that touches another connection's exclusive queue; Qpid the connection. */
    private boolean lockedQueue(AMQShortString queue) {
        Queue<?> existing = queue == null ? null : virtualHost().getChildByName(Queue.class, queue.toString());
        if (existing != null && !existing.verifySessionAccess(channel)) {
            closeChannel(RESOURCE_LOCKED, "RESOURCE_LOCKED - cannot obtain exclusive access to locked queue '"
                    + queue + "' in vhost '/'");
            return true;
        }
        return false;
    }

    @Override
    public void receiveMessageHeader(BasicContentHeaderProperties properties, long bodySize) {
        // RabbitMQ reads expiration as a TTL in milliseconds; Qpid as an absolute time, so "60000" expired in 1970.
        if (properties.hasExpiration()) {
            properties.setExpiration(System.currentTimeMillis() + properties.getExpiration());
        }
        if (DIRECT_REPLY_TO.equals(properties.getReplyToAsString())) {
            if (replyQueue == null) {
                closeChannel(PRECONDITION_FAILED, "PRECONDITION_FAILED - fast reply consumer does not exist");
                return;
            }
            properties.setReplyTo(replyQueue);
        }
        qpid.receiveMessageHeader(properties, bodySize);
    }

    // Everything below goes to Qpid unchanged.

    @Override
    public void receiveAccessRequest(AMQShortString realm, boolean exclusive, boolean passive, boolean active,
                                     boolean write, boolean read) {
        qpid.receiveAccessRequest(realm, exclusive, passive, active, write, read);
    }

    @Override
    public void receiveExchangeDelete(AMQShortString exchange, boolean ifUnused, boolean nowait) {
        qpid.receiveExchangeDelete(exchange, ifUnused, nowait);
    }

    @Override
    public void receiveExchangeBound(AMQShortString exchange, AMQShortString routingKey, AMQShortString queue) {
        qpid.receiveExchangeBound(exchange, routingKey, queue);
    }

    @Override
    public void receiveQueueUnbind(AMQShortString queue, AMQShortString exchange, AMQShortString bindingKey,
                                   FieldTable arguments) {
        qpid.receiveQueueUnbind(queue, exchange, bindingKey, arguments);
    }

    /** RabbitMQ only redelivers to anyone (requeue); Qpid also to the same consumer, which RabbitMQ never implemented. */
    @Override
    public void receiveBasicRecover(boolean requeue, boolean sync) {
        if (!requeue) {
            connection.sendConnectionClose(NOT_IMPLEMENTED, "NOT_IMPLEMENTED - requeue=false", channel.getChannelId());
            return;
        }
        qpid.receiveBasicRecover(true, sync);
        prefetch.settled();
    }

    /**
     * RabbitMQ's prefetch is per consumer unless {@code global}; Qpid's is always the channel's, so
     * Qpid gets only a global one. RabbitMQ lifts the channel's limit when a per-consumer one is set,
     * and has never implemented a prefetch size (a connection error).
     */
    @Override
    public void receiveBasicQos(long prefetchSize, int prefetchCount, boolean global) {
        if (prefetchSize != 0) {
            connection.sendConnectionClose(NOT_IMPLEMENTED, "NOT_IMPLEMENTED - prefetch_size!=0 (" + prefetchSize + ")",
                    channel.getChannelId());
            return;
        }
        if (!global) {
            prefetch.perConsumer(prefetchCount);
        }
        qpid.receiveBasicQos(0, global ? prefetchCount : 0, global);
    }

    @Override
    public void receiveBasicCancel(AMQShortString consumerTag, boolean noWait) {
        qpid.receiveBasicCancel(consumerTag, noWait);
    }

    /**
     * Every publish goes to Qpid as mandatory (but in a transaction, where Qpid would close the
     * connection for an unroutable one): only then does Qpid hand back, as a return, a message full
     * queues refused, which it would otherwise drop. {@link RabbitConnection} and {@link RabbitOutput}
     * turn Qpid's answers back into RabbitMQ's for what the client asked.
     */
    @Override
    public void receiveBasicPublish(AMQShortString exchange, AMQShortString routingKey, boolean mandatory,
                                    boolean immediate) {
        current = transactional ? null : new Publish(name(exchange), name(routingKey), mandatory);
        qpid.receiveBasicPublish(exchange, routingKey, !transactional || mandatory, immediate);
    }

    /** A publish sent to Qpid, and whether the client asked for mandatory. */
    private record Publish(String exchange, String routingKey, boolean mandatory) {
    }

    private static String name(AMQShortString name) {
        return name == null ? "" : name.toString();
    }

    /**
     * Qpid returns a publish to {@code exchange} with {@code routingKey}: whether the client asked for
     * mandatory. Outside transactions Qpid returns a publish while it takes its content, so it is the
     * current one; in a transaction only a publish the client sent as mandatory comes back.
     */
    boolean returned(AMQShortString exchange, AMQShortString routingKey) {
        Publish publish = current;
        return publish == null || publish.mandatory()
                || !publish.exchange().equals(name(exchange)) || !publish.routingKey().equals(name(routingKey));
    }

    @Override
    public void receiveBasicAck(long deliveryTag, boolean multiple) {
        boolean ofAStream = streams.deliveredTo(deliveryTag) != null;
        streams.acknowledge(deliveryTag, multiple);
        if (ofAStream && !multiple) {
            return; // Qpid keeps no record of it
        }
        if (ofAStream || knownTag(deliveryTag, multiple)) {
            qpid.receiveBasicAck(deliveryTag, multiple);
            prefetch.settled();
        }
    }

    @Override
    public void receiveBasicReject(long deliveryTag, boolean requeue) {
        if (!streamDelivery(deliveryTag, false) && knownTag(deliveryTag, false)) {
            qpid.receiveBasicReject(deliveryTag, requeue);
            prefetch.settled();
        }
    }

    @Override
    public void receiveBasicNack(long deliveryTag, boolean multiple, boolean requeue) {
        if (!streamDelivery(deliveryTag, multiple) && knownTag(deliveryTag, multiple)) {
            qpid.receiveBasicNack(deliveryTag, multiple, requeue);
            prefetch.settled();
        }
    }

    /** A stream delivery cannot be rejected or nacked on RabbitMQ (540, closing the connection). */
    private boolean streamDelivery(long deliveryTag, boolean multiple) {
        StreamCredit consumer = streams.deliveredTo(deliveryTag, multiple);
        if (consumer != null) {
            connection.sendConnectionClose(NOT_IMPLEMENTED, "NOT_IMPLEMENTED - basic.nack and basic.reject not "
                    + "supported by stream queues queue '" + consumer.queueName() + "' in vhost '/'", channel.getChannelId());
            return true;
        }
        return false;
    }

    /** RabbitMQ closes the channel (406) on an unknown delivery tag; Qpid ignores it (on purpose, for old clients). */
    private boolean knownTag(long deliveryTag, boolean multiple) {
        if (deliveryTags.isUnknown(deliveryTag, multiple)) {
            closeChannel(PRECONDITION_FAILED, "PRECONDITION_FAILED - unknown delivery tag " + deliveryTag);
            return false;
        }
        return true;
    }

    /** A delivery went out to a stream consumer of this channel. */
    void streamDelivered(long deliveryTag, StreamCredit consumer) {
        streams.delivered(deliveryTag, consumer);
    }

    /** Qpid answered a basic.consume of this channel with consume-ok for {@code consumerTag}. */
    void consuming(String consumerTag) {
        startedTag = consumerTag;
        Queue<?> queue = queueBeingConsumed == null ? null : virtualHost().getChildByName(Queue.class, queueBeingConsumed);
        if (queue != null) {
            cancellations.watch(consumerTag, queue);
        }
    }

    void cancelled(String consumerTag) {
        cancellations.forget(consumerTag);
    }

    @Override
    public void receiveTxSelect() {
        transactional = true; // for good: AMQP 0-9-1 has no way back
        qpid.receiveTxSelect();
    }

    @Override
    public void receiveTxCommit() {
        qpid.receiveTxCommit();
        prefetch.settled();
    }

    @Override
    public void receiveTxRollback() {
        qpid.receiveTxRollback();
        prefetch.settled();
    }

    @Override
    public void receiveConfirmSelect(boolean nowait) {
        qpid.receiveConfirmSelect(nowait);
    }

    @Override
    public void receiveChannelFlow(boolean active) {
        qpid.receiveChannelFlow(active);
    }

    @Override
    public void receiveChannelFlowOk(boolean active) {
        qpid.receiveChannelFlowOk(active);
    }

    @Override
    public void receiveChannelClose(int replyCode, AMQShortString replyText, int classId, int methodId) {
        qpid.receiveChannelClose(replyCode, replyText, classId, methodId);
    }

    @Override
    public void receiveChannelCloseOk() {
        qpid.receiveChannelCloseOk();
    }

    @Override
    public void receiveMessageContent(QpidByteBuffer data) {
        qpid.receiveMessageContent(data);
    }

    @Override
    public boolean ignoreAllButCloseOk() {
        return qpid.ignoreAllButCloseOk();
    }
}
