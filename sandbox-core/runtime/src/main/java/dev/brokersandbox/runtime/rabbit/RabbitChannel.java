package dev.brokersandbox.runtime.rabbit;

import static dev.brokersandbox.runtime.rabbit.ReplyCode.ACCESS_REFUSED;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.NOT_FOUND;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.NOT_IMPLEMENTED;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.RESOURCE_LOCKED;

import java.util.Map;

import org.apache.qpid.server.bytebuffer.QpidByteBuffer;
import org.apache.qpid.server.message.MessageInstanceConsumer;
import org.apache.qpid.server.model.NamedAddressSpace;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.protocol.v0_8.AMQChannel;
import org.apache.qpid.server.protocol.v0_8.AMQMessage;
import org.apache.qpid.server.protocol.v0_8.AMQShortString;
import org.apache.qpid.server.protocol.v0_8.ConsumerTarget_0_8;
import org.apache.qpid.server.protocol.v0_8.FieldTable;
import org.apache.qpid.server.protocol.v0_8.IncomingMessage;
import org.apache.qpid.server.protocol.v0_8.transport.AMQMethodBody;
import org.apache.qpid.server.protocol.v0_8.transport.BasicContentHeaderProperties;
import org.apache.qpid.server.protocol.v0_8.transport.MethodRegistry;
import org.apache.qpid.server.protocol.v0_8.transport.ServerChannelMethodProcessor;

/**
 * One channel's methods on their way to Qpid's 0-9-1 layer. Where RabbitMQ answers differently, the
 * method goes to the part of the channel that gives RabbitMQ's answer (declarations, consumption,
 * acknowledgements, publishing); everything else goes to Qpid unchanged.
 */
final class RabbitChannel implements ServerChannelMethodProcessor {

    private final RabbitConnection connection;
    private String lastDeclaredQueue;
    private final AMQChannel channel;
    private final ServerChannelMethodProcessor qpid;
    private final ChannelDeclarations declarations;
    private final ChannelConsumption consumption;
    private final ChannelAcknowledgements acknowledgements;
    private final ChannelPublishing publishing;
    private final ChannelTransaction transaction;
    private final StreamConsumers streams;

    RabbitChannel(RabbitConnection connection, AMQChannel channel, ServerChannelMethodProcessor qpid) {
        this.connection = connection;
        this.channel = channel;
        this.qpid = qpid;
        ChannelPrefetch prefetch = new ChannelPrefetch(channel);
        this.streams = new StreamConsumers();
        this.declarations = new ChannelDeclarations(this);
        this.consumption = new ChannelConsumption(this, prefetch, new ConsumerCancellations(connection, channel));
        this.acknowledgements = new ChannelAcknowledgements(this, channel, prefetch, streams);
        this.publishing = new ChannelPublishing(this, consumption);
        this.transaction = new ChannelTransaction(this, publishing);
    }

    boolean wraps(AMQChannel candidate) {
        return channel == candidate;
    }

    // What the parts of the channel share.

    ServerChannelMethodProcessor qpid() {
        return qpid;
    }

    VirtualHost<?> virtualHost() {
        return (VirtualHost<?>) channel.getAddressSpace();
    }

    Queue<?> queue(String name) {
        return virtualHost().getChildByName(Queue.class, name);
    }

    /**
     * Whether the connection's user may {@code access} the {@code kind} ("queue" or "exchange")
     * {@code name}; if not, the channel is closed with RabbitMQ's 403. An empty queue name stands
     * for the queue this channel declared last, as in RabbitMQ.
     */
    boolean permits(Permissions.Access access, String kind, AMQShortString name) {
        String resource = name == null ? "" : name.toString();
        if (kind.equals("queue") && resource.isEmpty() && lastDeclaredQueue != null) {
            resource = lastDeclaredQueue;
        }
        String refusal = Permissions.refusal(connection.getBroker(), user(), ResourceNames.vhost(virtualHost()), kind,
                resource, access);
        if (refusal != null) {
            close(ACCESS_REFUSED, refusal);
        }
        return refusal == null;
    }

    /** The queue this channel declared last: what an empty queue name means in later methods. */
    void declared(String queue) {
        lastDeclaredQueue = queue;
    }

    /** The consumer of this channel with {@code consumerTag}, or null if there is none. */
    MessageInstanceConsumer<?> consumer(String consumerTag) {
        for (MessageInstanceConsumer<?> consumer : channel.getConsumers()) {
            if (consumer.getTarget() instanceof ConsumerTarget_0_8 target
                    && target.getConsumerTag().toString().equals(consumerTag)) {
                return consumer;
            }
        }
        return null;
    }

    /** The user the connection authenticated as. */
    String user() {
        return connection.getAuthorizedPrincipal().getName();
    }

    /** Whether the user has RabbitMQ's impersonator tag: it may publish with another user's user-id. */
    boolean mayImpersonate() {
        return UserTags.isImpersonator(connection.getBroker(), user());
    }

    /** When the connection last read from its socket: what Qpid records as a message's arrival time. */
    long lastReadTime() {
        return connection.getLastReadTime();
    }

    /** Records that this channel's connection declared {@code queue} exclusive: it goes when the connection does. */
    void ownsExclusively(Queue<?> queue) {
        connection.ownsExclusively(queue);
    }

    /** The message this channel is receiving, from its basic.publish to its last body frame; null between. */
    IncomingMessage currentMessage() {
        return QpidPrivateFields.currentMessage(channel);
    }

    /** Waits until what this channel published so far is in its queues: RabbitMQ does a channel's methods in order. */
    void publishedSoFar() {
        QpidPrivateFields.sync(channel);
    }

    MethodRegistry methods() {
        return connection.getMethodRegistry();
    }

    /** Answers the client on this channel. */
    void answer(AMQMethodBody body) {
        connection.writeFrame(body.generateFrame(channel.getChannelId()));
    }

    /** Closes this channel: a channel error. */
    void close(int code, String text) {
        connection.closeChannelAndWriteFrame(channel, code, text);
    }

    /** Closes the channel's connection: a connection error, as RabbitMQ's 540 is. */
    void closeConnection(int code, String text) {
        connection.sendConnectionClose(code, text, channel.getChannelId());
    }

    /** RabbitMQ closes only the channel (405) that touches another connection's exclusive queue; Qpid the connection. */
    boolean locked(Queue<?> queue) {
        if (!queue.verifySessionAccess(channel)) {
            close(RESOURCE_LOCKED, "RESOURCE_LOCKED - cannot obtain exclusive access to locked "
                    + ResourceNames.queue(queue) + ". It could be originally declared on another connection or the "
                    + "exclusive property value does not match that of the original declaration.");
            return true;
        }
        return false;
    }

    /** RabbitMQ's answer (540, closing the connection) to {@code method} on a stream, which it does not support. */
    boolean notOnAStream(Queue<?> queue, String method) {
        if (StreamQueues.isStream(queue)) {
            closeConnection(NOT_IMPLEMENTED, "NOT_IMPLEMENTED - " + method + " not supported by stream queues "
                    + ResourceNames.queue(queue));
            return true;
        }
        return false;
    }

    // What the connection asks of the channel.

    /** The queue a basic.get of this channel is taking a message from, while Qpid answers it. */
    String queueBeingRead() {
        return consumption.queueBeingRead();
    }

    /** Qpid returns a publish of this channel: whether the client asked for mandatory. */
    boolean returned(AMQShortString exchange, AMQShortString routingKey) {
        return publishing.returned(exchange, routingKey);
    }

    /** The {@code x-delivery-count} header a message basic.get takes from a quorum queue gets, or null. */
    Map<String, Object> deliveryCountOfGet(AMQMessage message) {
        String queue = consumption.queueBeingRead();
        return queue == null ? null : QuorumQueues.deliveryCount(queue(queue), message.getMessageNumber());
    }

    /** The channel or its connection closes: what Qpid puts back of the channel's deliveries goes back as RabbitMQ counts it. */
    void closing() {
        transaction.rollback();
        acknowledgements.closing();
    }

    /** A delivery went out to a stream consumer of this channel. */
    void streamDelivered(long deliveryTag, StreamCredit consumer) {
        streams.delivered(deliveryTag, consumer);
    }

    /** Qpid answered a basic.consume of this channel with consume-ok for {@code consumerTag}. */
    void consuming(String consumerTag) {
        consumption.consuming(consumerTag);
    }

    void cancelled(String consumerTag) {
        consumption.cancelled(consumerTag);
    }

    /** exchange.bind / exchange.unbind, which {@link RabbitDecoder} reads (Qpid's decoder does not). */
    void receiveExchangeBind(boolean bind, String destination, String source, String routingKey, boolean nowait,
                             Map<String, Object> arguments) {
        declarations.exchangeBind(bind, ResourceNames.stripped(destination), ResourceNames.stripped(source), routingKey,
                nowait, arguments);
    }

    // The methods where RabbitMQ answers otherwise than Qpid.

    /** RabbitMQ drops carriage returns and line feeds from the names a declare, delete or binding gives. */
    private static AMQShortString stripped(AMQShortString name) {
        if (name == null) {
            return null;
        }
        String kept = ResourceNames.stripped(name.toString());
        return kept.equals(name.toString()) ? name : AMQShortString.valueOf(kept);
    }

    @Override
    public void receiveQueueDeclare(AMQShortString queue, boolean passive, boolean durable, boolean exclusive,
                                    boolean autoDelete, boolean nowait, FieldTable arguments) {
        declarations.queueDeclare(stripped(queue), passive, durable, exclusive, autoDelete, nowait, arguments);
    }

    @Override
    public void receiveExchangeDeclare(AMQShortString exchange, AMQShortString type, boolean passive,
                                       boolean durable, boolean autoDelete, boolean internal, boolean nowait,
                                       FieldTable arguments) {
        declarations.exchangeDeclare(stripped(exchange), type, passive, durable, autoDelete, internal, nowait, arguments);
    }

    @Override
    public void receiveQueueDelete(AMQShortString queue, boolean ifUnused, boolean ifEmpty, boolean nowait) {
        declarations.queueDelete(stripped(queue), ifUnused, ifEmpty, nowait);
    }

    @Override
    public void receiveQueueBind(AMQShortString queue, AMQShortString exchange, AMQShortString bindingKey,
                                 boolean nowait, FieldTable arguments) {
        declarations.queueBind(true, stripped(queue), stripped(exchange), bindingKey, nowait, arguments);
    }

    @Override
    public void receiveQueueUnbind(AMQShortString queue, AMQShortString exchange, AMQShortString bindingKey,
                                   FieldTable arguments) {
        declarations.queueBind(false, stripped(queue), stripped(exchange), bindingKey, false, arguments);
    }

    @Override
    public void receiveExchangeDelete(AMQShortString exchange, boolean ifUnused, boolean nowait) {
        declarations.exchangeDelete(stripped(exchange), ifUnused, nowait);
    }

    @Override
    public void receiveQueuePurge(AMQShortString queue, boolean nowait) {
        if (!permits(Permissions.Access.READ, "queue", queue)) {
            return;
        }
        Queue<?> purged = queue == null ? null : queue(queue.toString());
        if (purged == null && queue != null && queue.length() > 0) {
            close(NOT_FOUND, "NOT_FOUND - no " + ResourceNames.queue(virtualHost(), queue.toString()));
        } else if (purged == null) {
            qpid.receiveQueuePurge(queue, nowait); // the channel's last declared queue, if any, as RabbitMQ reads ""
        } else if (!locked(purged) && !notOnAStream(purged, "queue.purge")) {
            publishedSoFar(); // RabbitMQ purges what this channel published before the purge
            long count = Purge.readyMessages(purged);
            if (!nowait) {
                answer(methods().createQueuePurgeOkBody(count));
            }
        }
    }

    @Override
    public void receiveBasicQos(long prefetchSize, int prefetchCount, boolean global) {
        consumption.qos(prefetchSize, prefetchCount, global);
    }

    @Override
    public void receiveBasicConsume(AMQShortString queue, AMQShortString consumerTag, boolean noLocal, boolean noAck,
                                    boolean exclusive, boolean nowait, FieldTable arguments) {
        consumption.consume(queue, consumerTag, noAck, exclusive, nowait, arguments);
    }

    @Override
    public void receiveBasicGet(AMQShortString queue, boolean noAck) {
        consumption.get(queue, noAck);
    }

    @Override
    public void receiveBasicAck(long deliveryTag, boolean multiple) {
        acknowledgements.ack(deliveryTag, multiple);
    }

    @Override
    public void receiveBasicReject(long deliveryTag, boolean requeue) {
        acknowledgements.reject(deliveryTag, requeue);
        applyArrivalLimits();
    }

    @Override
    public void receiveBasicNack(long deliveryTag, boolean multiple, boolean requeue) {
        acknowledgements.nack(deliveryTag, multiple, requeue);
        applyArrivalLimits();
    }

    @Override
    public void receiveBasicRecover(boolean requeue, boolean sync) {
        acknowledgements.recover(requeue, sync);
        applyArrivalLimits();
    }

    @Override
    public void receiveBasicPublish(AMQShortString exchange, AMQShortString routingKey, boolean mandatory,
                                    boolean immediate) {
        if (!permits(Permissions.Access.WRITE, "exchange", exchange)) {
            return;
        }
        if (publishing.transactional()) {
            transaction.publish(exchange, routingKey, mandatory, immediate);
        } else {
            publishing.publish(exchange, routingKey, mandatory, immediate);
        }
    }

    @Override
    public void receiveMessageHeader(BasicContentHeaderProperties properties, long bodySize) {
        if (transaction.receiving()) {
            transaction.header(properties, bodySize);
        } else {
            publishing.header(properties, bodySize);
            trimIfPublished();
        }
    }

    @Override
    public void receiveMessageContent(QpidByteBuffer data) {
        if (transaction.receiving()) {
            transaction.content(data);
        } else {
            qpid.receiveMessageContent(data);
            trimIfPublished();
        }
    }

    /** Once Qpid has a publish's last frame. */
    private void trimIfPublished() {
        if (currentMessage() == null) {
            applyArrivalLimits();
        }
    }

    /**
     * RabbitMQ applies a queue's x-max-length and a TTL of 0 as each message arrives or is requeued,
     * before the channel's next method: a basic.get in the same batch of frames must not see what
     * they drop.
     */
    private void applyArrivalLimits() {
        if (MaxLength.watches(virtualHost()) || ZeroTtl.watches(virtualHost()) || Arrivals.pending(virtualHost())) {
            publishedSoFar(); // Qpid may enqueue a message after its last frame (behind persistent ones)
            applyArrivalLimits(virtualHost());
        }
    }

    static void applyArrivalLimits(NamedAddressSpace host) {
        MaxLength.trim(host);
        ZeroTtl.settle(host);
        Arrivals.settle(host);
    }

    @Override
    public void receiveTxSelect() {
        if (publishing.transactions()) {
            acknowledgements.transactional();
        }
    }

    @Override
    public void receiveConfirmSelect(boolean nowait) {
        publishing.confirms(nowait);
    }

    @Override
    public void receiveTxCommit() {
        if (publishing.inTransaction()) {
            transaction.commit();
            if (qpid.ignoreAllButCloseOk()) {
                return; // a publish was refused at the commit: the channel, and its transaction, are gone
            }
            acknowledgements.commit();
            publishedSoFar(); // commit-ok says the publishes are in their queues
            answer(methods().createTxCommitOkBody());
        }
    }

    @Override
    public void receiveTxRollback() {
        if (publishing.inTransaction()) {
            transaction.rollback();
            acknowledgements.rollback();
            answer(methods().createTxRollbackOkBody());
        }
    }

    // Everything below goes to Qpid unchanged.

    @Override
    public void receiveAccessRequest(AMQShortString realm, boolean exclusive, boolean passive, boolean active,
                                     boolean write, boolean read) {
        qpid.receiveAccessRequest(realm, exclusive, passive, active, write, read);
    }

    @Override
    public void receiveExchangeBound(AMQShortString exchange, AMQShortString routingKey, AMQShortString queue) {
        qpid.receiveExchangeBound(exchange, routingKey, queue);
    }

    @Override
    public void receiveBasicCancel(AMQShortString consumerTag, boolean noWait) {
        qpid.receiveBasicCancel(consumerTag, noWait);
    }

    @Override
    public void receiveChannelFlow(boolean active) {
        if (!active) {
            // RabbitMQ never stops sending to a channel on the client's word (its own flow control is credit-based).
            connection.closeOnProtocolError(NOT_IMPLEMENTED, "NOT_IMPLEMENTED - active=false");
            return;
        }
        qpid.receiveChannelFlow(active);
    }

    @Override
    public void receiveChannelFlowOk(boolean active) {
        qpid.receiveChannelFlowOk(active);
    }

    @Override
    public void receiveChannelClose(int replyCode, AMQShortString replyText, int classId, int methodId) {
        closing();
        qpid.receiveChannelClose(replyCode, replyText, classId, methodId);
    }

    @Override
    public void receiveChannelCloseOk() {
        qpid.receiveChannelCloseOk();
    }

    @Override
    public boolean ignoreAllButCloseOk() {
        return qpid.ignoreAllButCloseOk();
    }
}
