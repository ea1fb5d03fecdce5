package dev.brokersandbox.runtime.rabbit;

import static dev.brokersandbox.runtime.rabbit.ReplyCode.ACCESS_REFUSED;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.CHANNEL_ERROR;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.FRAME_ERROR;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.NOT_ALLOWED;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.NOT_FOUND;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.NO_ROUTE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.qpid.server.bytebuffer.QpidByteBuffer;
import org.apache.qpid.server.message.MessageInstanceConsumer;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Protocol;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.model.Transport;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.model.port.AmqpPort;
import org.apache.qpid.server.protocol.v0_8.AMQChannel;
import org.apache.qpid.server.protocol.v0_8.AMQFrameDecodingException;
import org.apache.qpid.server.protocol.v0_8.AMQMessage;
import org.apache.qpid.server.protocol.v0_8.AMQPConnection_0_8Impl;
import org.apache.qpid.server.protocol.v0_8.AMQShortString;
import org.apache.qpid.server.protocol.v0_8.ClientDeliveryMethod;
import org.apache.qpid.server.protocol.v0_8.ConsumerTarget_0_8;
import org.apache.qpid.server.protocol.v0_8.FieldTable;
import org.apache.qpid.server.protocol.v0_8.ProtocolOutputConverter;
import org.apache.qpid.server.protocol.v0_8.transport.AMQBody;
import org.apache.qpid.server.protocol.v0_8.transport.AMQDataBlock;
import org.apache.qpid.server.protocol.v0_8.transport.AMQFrame;
import org.apache.qpid.server.protocol.v0_8.transport.BasicAckBody;
import org.apache.qpid.server.protocol.v0_8.transport.BasicCancelOkBody;
import org.apache.qpid.server.protocol.v0_8.transport.BasicConsumeOkBody;
import org.apache.qpid.server.protocol.v0_8.transport.BasicNackBody;
import org.apache.qpid.server.protocol.v0_8.transport.ConnectionStartBody;
import org.apache.qpid.server.protocol.v0_8.transport.ConnectionTuneBody;
import org.apache.qpid.server.protocol.v0_8.transport.MessagePublishInfo;
import org.apache.qpid.server.protocol.v0_8.transport.QueueDeclareOkBody;
import org.apache.qpid.server.protocol.v0_8.transport.ServerChannelMethodProcessor;
import org.apache.qpid.server.queue.QueueConsumer;
import org.apache.qpid.server.transport.AggregateTicker;
import org.apache.qpid.server.transport.ServerNetworkConnection;
import org.apache.qpid.server.util.ConnectionScopedRuntimeException;

/**
 * Qpid's AMQP 0-9-1 connection, with each channel's methods passing through a {@link RabbitChannel}
 * and the frames it sends adjusted where RabbitMQ sends something else.
 */
final class RabbitConnection extends AMQPConnection_0_8Impl {

    private final Map<Integer, RabbitChannel> channels = new HashMap<>();
    /** The queues this connection declared exclusive; see {@link #deleteExclusiveQueues}. */
    private final Set<Queue<?>> exclusiveQueues = ConcurrentHashMap.newKeySet();
    /** Publisher-confirm nacks written while a batch of frames is processed; see {@link #onReceive}. */
    private final List<HeldNack> heldNacks = new ArrayList<>();
    private boolean processing;
    private volatile boolean closedOnProtocolError;
    private volatile boolean unknownMethod;
    /** The SASL mechanism and the virtual host the client asked for, while it opens the connection. */
    private String mechanism = "PLAIN";
    /** Whether the client said it understands a connection.close for a failed login (RabbitMQ's capability). */
    private boolean clientTakesAuthenticationFailureClose;
    private String openingVirtualHost;
    /** Whether the client announced the connection.blocked capability. */
    private boolean clientTakesBlocked;
    /** Where frames start in what the client sends: a resource alarm stops reading at a publish. */
    private final FrameBoundaries boundaries = new FrameBoundaries();
    /** While a resource alarm blocks this connection: what it sent since, not yet read (in order); else null. */
    private List<byte[]> unread;
    /** Whether this connection was sent connection.blocked and is owed connection.unblocked. */
    private boolean sentBlocked;
    /** The name the client gave its connection ({@code connection_name}), or null. */
    private volatile String clientProvidedName;
    private volatile RabbitOutput output;

    RabbitConnection(Broker<?> broker, ServerNetworkConnection network, AmqpPort<?> port, Transport transport,
                     Protocol protocol, long id, AggregateTicker ticker) {
        super(broker, network, port, transport, protocol, id, ticker);
        // Qpid's connection builds its decoder privately; ours adds exchange.bind and exchange.unbind.
        QpidPrivateFields.setDecoder(this, new RabbitDecoder(this));
    }

    @Override
    public ServerChannelMethodProcessor getChannelMethodProcessor(int channelId) {
        ServerChannelMethodProcessor qpid = super.getChannelMethodProcessor(channelId);
        AMQChannel channel = getChannel(channelId);
        if (channel == null) {
            channels.remove(channelId);
            return qpid; // Qpid answers for a channel that is not open
        }
        RabbitChannel rabbit = channels.get(channelId);
        if (rabbit == null || !rabbit.wraps(channel)) {
            rabbit = new RabbitChannel(this, channel, qpid);
            channels.put(channelId, rabbit);
        }
        return rabbit;
    }

    /**
     * Qpid's delivery to a consumer, with the headers RabbitMQ adds (a stream's offset, a quorum queue's
     * delivery count); then the consumer's own prefetch is told that it went out.
     */
    @Override
    public ClientDeliveryMethod createDeliveryMethod(int channelId) {
        ClientDeliveryMethod qpid = super.createDeliveryMethod(channelId);
        return (target, message, properties, deliveryTag) -> {
            if (target.getCreditManager() instanceof StreamCredit stream) {
                long size = qpid.deliverToClient(target, stream.withOffset(message), properties, deliveryTag);
                RabbitChannel channel = channels.get(channelId);
                if (channel != null) {
                    channel.streamDelivered(deliveryTag, stream);
                }
                return size;
            }
            long size = qpid.deliverToClient(target, withDeliveryCount(target, message), properties, deliveryTag);
            ConsumerCredit.delivered(target);
            return size;
        };
    }

    /** {@code message} as {@code target} gets it: from a quorum queue, with its x-delivery-count. */
    private static AMQMessage withDeliveryCount(ConsumerTarget_0_8 target, AMQMessage message) {
        for (MessageInstanceConsumer<?> consumer : target.getConsumers()) {
            if (consumer instanceof QueueConsumer<?, ?> fromQueue) {
                Map<String, Object> count = QuorumQueues.deliveryCount(fromQueue.getQueue(), message.getMessageNumber());
                return count == null ? message : HeaderTable.delivered(message, count, type -> true);
            }
        }
        return message;
    }

    /** {@code message} as a basic.get of channel {@code channelId} gets it: from a quorum queue, with its x-delivery-count. */
    AMQMessage withDeliveryCount(int channelId, AMQMessage message) {
        RabbitChannel channel = channels.get(channelId);
        Map<String, Object> count = channel == null ? null : channel.deliveryCountOfGet(message);
        return count == null ? message : HeaderTable.delivered(message, count, type -> true);
    }

    /** The broker closes a channel (a channel error): Qpid puts its unacknowledged deliveries back next. */
    @Override
    public void closeChannelAndWriteFrame(AMQChannel channel, int cause, String message) {
        try {
            RabbitChannel rabbit = channels.get(channel.getChannelId());
            if (rabbit != null && rabbit.wraps(channel)) {
                rabbit.closing();
            }
        } finally {
            super.closeChannelAndWriteFrame(channel, cause, message);
        }
    }

    /**
     * The client closes the connection: Qpid puts unacknowledged deliveries back next. Exclusive queues
     * go before the close-ok, so a client that declares the same queue on its next connection finds none.
     */
    @Override
    public void receiveConnectionClose(int replyCode, AMQShortString replyText, int classId, int methodId) {
        try {
            channels.values().forEach(RabbitChannel::closing);
            deleteExclusiveQueues();
        } finally {
            super.receiveConnectionClose(replyCode, replyText, classId, methodId);
        }
    }

    /** The connection is gone, maybe without a close from the client: the same, if Qpid has not done it yet. */
    @Override
    public void closed() {
        try {
            channels.values().forEach(RabbitChannel::closing);
            deleteExclusiveQueues();
        } finally {
            super.closed();
        }
    }

    void ownsExclusively(Queue<?> queue) {
        exclusiveQueues.add(queue);
    }

    /**
     * RabbitMQ deletes every queue exclusive to a connection when the connection ends. Qpid deletes only
     * the non-durable ones that are not auto-delete: a durable one would stay, locked to a dead owner.
     */
    private void deleteExclusiveQueues() {
        for (Queue<?> queue : exclusiveQueues) {
            if (queue.getState() != State.DELETED) {
                queue.deleteAndReturnCount();
            }
        }
        exclusiveQueues.clear();
    }

    @Override
    public ProtocolOutputConverter getProtocolOutputConverter() {
        RabbitOutput current = output;
        if (current == null) {
            current = new RabbitOutput(this, super.getProtocolOutputConverter());
            output = current;
        }
        return current;
    }

    /**
     * What the client sent, unless a resource alarm blocks the connection: then nothing from the
     * first basic.publish on is processed until the alarms clear (see {@link #alarmsCleared}).
     */
    @Override
    protected void onReceive(QpidByteBuffer msg) {
        if (unread != null) {
            keepUnread(msg);
            return;
        }
        String alarm = ResourceAlarms.reason(getBroker());
        int beforePublish = boundaries.beforePublish(msg, alarm != null);
        if (alarm == null || beforePublish < 0) {
            process(msg);
            return;
        }
        // RabbitMQ's answer to a publish during an alarm: connection.blocked, and it stops reading the socket.
        if (beforePublish > 0) {
            try (QpidByteBuffer before = msg.view(0, beforePublish)) {
                process(before);
            }
            msg.position(msg.position() + beforePublish);
        }
        unread = new ArrayList<>();
        keepUnread(msg);
        if (clientTakesBlocked) {
            writeFrame(ConnectionBlocked.of(alarm).generateFrame(0));
            sentBlocked = true;
        }
    }

    private void keepUnread(QpidByteBuffer msg) {
        byte[] bytes = new byte[msg.remaining()]; // Qpid reuses its read buffer once onReceive returns
        msg.get(bytes);
        unread.add(bytes);
    }

    /**
     * Publisher confirms and returns as RabbitMQ sends them. Qpid writes basic.nack at once for an
     * unroutable mandatory message and the basic.return when the batch completes; RabbitMQ sends the
     * return first, then basic.ack, and nacks only a message a full queue refused
     * (x-overflow=reject-publish). Nacks are therefore held until Qpid has processed the batch, paired
     * with the return Qpid writes for the same publish, and settled as RabbitMQ would.
     */
    private void process(QpidByteBuffer msg) {
        processing = true;
        try {
            super.onReceive(msg);
            RabbitChannel.applyArrivalLimits(getAddressSpace()); // also after what closing channels requeued
        } catch (ConnectionScopedRuntimeException e) {
            if (!(e.getCause() instanceof AMQFrameDecodingException frameError)) {
                throw e;
            }
            // Qpid drops the socket without a word (a frame over frame_max, of an unknown type);
            // RabbitMQ closes the connection with 501 and says why. What follows a broken frame is
            // not frames: only the client's close-ok, or its closing the socket, ends the connection.
            if (unknownMethod) {
                closeNetworkConnection(); // RabbitMQ drops a connection that sends a method 0-9-1 does not have
            } else if (!closedOnProtocolError) {
                closeOnProtocolError(FRAME_ERROR, "FRAME_ERROR - " + frameError.getMessage());
            }
        } finally {
            releaseHeld();
        }
    }

    /** The alarms cleared: connection.unblocked, and what arrived meanwhile is processed, on the connection's thread. */
    void alarmsCleared() {
        doOnIOThreadAsync(() -> {
            List<byte[]> held = unread;
            if (held == null) {
                return;
            }
            unread = null;
            if (sentBlocked) {
                sentBlocked = false;
                writeFrame(ConnectionBlocked.UNBLOCKED.generateFrame(0));
            }
            for (byte[] bytes : held) {
                try (QpidByteBuffer buffer = QpidByteBuffer.wrap(bytes)) {
                    onReceive(buffer); // blocked again by a new alarm: the rest is kept again, in order
                }
            }
        });
    }

    /**
     * RabbitMQ sends a heartbeat every half of the negotiated interval and gives up on a client silent
     * for two. Qpid sends one only after a whole interval of silence, which a client that waits one
     * interval (amqp-client's Netty transport) takes for a dead server.
     */
    @Override
    protected void initialiseHeartbeating(long writerDelay, long readerDelay) {
        super.initialiseHeartbeating(writerDelay / 2, readerDelay);
    }

    @Override
    public void receiveConnectionStartOk(FieldTable clientProperties, AMQShortString mechanism, byte[] response,
                                         AMQShortString locale) {
        this.mechanism = mechanism == null ? "PLAIN" : mechanism.toString();
        Map<String, Object> properties = clientProperties == null ? Map.of() : FieldTable.convertToMap(clientProperties);
        Object capabilities = properties.get("capabilities");
        clientProvidedName = properties.get("connection_name") instanceof String name ? name : null;
        clientTakesAuthenticationFailureClose = capabilities instanceof Map<?, ?> announced
                && Boolean.TRUE.equals(announced.get("authentication_failure_close"));
        clientTakesBlocked = capabilities instanceof Map<?, ?> announced
                && Boolean.TRUE.equals(announced.get("connection.blocked"));
        if (AmqPlain.MECHANISM.equals(this.mechanism)) {
            super.receiveConnectionStartOk(clientProperties, AMQShortString.valueOf("PLAIN"), AmqPlain.asPlain(response),
                    locale);
        } else {
            super.receiveConnectionStartOk(clientProperties, mechanism, response, locale);
        }
    }

    /** RabbitMQ ends the connection of a client that asks for more channels than it offered; Qpid takes any number. */
    @Override
    public void receiveConnectionTuneOk(int channelMax, long frameMax, int heartbeat) {
        if (channelMax > getPort().getSessionCountLimit()) {
            closeNetworkConnection();
            return;
        }
        super.receiveConnectionTuneOk(channelMax, frameMax, heartbeat);
    }

    String clientProvidedName() {
        return clientProvidedName;
    }

    @Override
    public void receiveConnectionOpen(AMQShortString virtualHost, AMQShortString capabilities, boolean insist) {
        openingVirtualHost = virtualHost == null || virtualHost.length() == 0 ? "/" : virtualHost.toString();
        String refused = Permissions.vhostRefusal(getBroker(), getAuthorizedPrincipal().getName(), openingVirtualHost);
        if (refused != null) {
            super.sendConnectionClose(NOT_ALLOWED, refused, 0);
            openingVirtualHost = null;
            return;
        }
        try {
            super.receiveConnectionOpen(virtualHost, capabilities, insist);
        } finally {
            openingVirtualHost = null;
        }
    }

    /**
     * Qpid's refusals while a connection opens, as RabbitMQ words them: clients tell a wrong password
     * (403, which amqp-client raises as AuthenticationFailureException) from a missing virtual host
     * (530) by the code.
     */
    @Override
    public void sendConnectionClose(int code, String text, int channelId) {
        if (code == CHANNEL_ERROR && ("Unknown channel id: " + channelId).equals(text)) {
            super.sendConnectionClose(code, channelId == 0 ? "CHANNEL_ERROR - unexpected method in connection state "
                    + "running" : "CHANNEL_ERROR - expected 'channel.open'", channelId);
        } else if (code == CHANNEL_ERROR && ("Channel " + channelId + " already exists").equals(text)) {
            super.sendConnectionClose(code, "CHANNEL_ERROR - second 'channel.open' seen", channelId);
        } else if (code == NOT_ALLOWED && "Authentication failed".equals(text)) {
            if (clientTakesAuthenticationFailureClose) {
                super.sendConnectionClose(ACCESS_REFUSED, "ACCESS_REFUSED - Login was refused using authentication "
                        + "mechanism " + mechanism + ". For details see the broker logfile.", channelId);
            } else {
                closeNetworkConnection(); // RabbitMQ closes the socket on a client that did not say it takes a close
            }
        } else if (code == NOT_FOUND && openingVirtualHost != null) {
            super.sendConnectionClose(NOT_ALLOWED, "NOT_ALLOWED - vhost " + openingVirtualHost + " not found", channelId);
        } else if (getAddressSpace() == null) {
            // Before connection.open RabbitMQ answers a handshake it refuses (an unknown mechanism, a
            // frame_max out of range, a method out of turn) by closing the socket, without a close.
            closeNetworkConnection();
        } else {
            super.sendConnectionClose(code, text, channelId);
        }
    }

    /** The client sent a method AMQP 0-9-1 does not have: see {@link #onReceive}. */
    void unknownMethod() {
        unknownMethod = true;
    }

    boolean closedOnProtocolError() {
        return closedOnProtocolError;
    }

    /** Closes the connection for a frame RabbitMQ would not take; of what it sends after, only close-ok is read. */
    void closeOnProtocolError(int code, String text) {
        closedOnProtocolError = true;
        sendConnectionClose(code, text, 0);
    }

    private synchronized void releaseHeld() {
        processing = false;
        for (HeldNack held : heldNacks) {
            // Unroutable (312): RabbitMQ acks it. Refused by a full queue (506), or nacked for another reason: a nack.
            super.writeFrame(held.returnCode != null && held.returnCode == NO_ROUTE
                    ? new AMQFrame(held.frame.getChannel(),
                            new BasicAckBody(held.nack.getDeliveryTag(), held.nack.getMultiple()))
                    : held.frame);
        }
        heldNacks.clear();
    }

    /** A publisher-confirm nack held back, and the reply code of the return Qpid sent for the same publish. */
    private static final class HeldNack {
        private final AMQFrame frame;
        private final BasicNackBody nack;
        private Integer returnCode;

        HeldNack(AMQFrame frame) {
            this.frame = frame;
            this.nack = (BasicNackBody) frame.getBodyFrame();
        }
    }

    /**
     * Qpid returns a publish: for an unroutable one (312) the client gets the return if it asked for
     * mandatory; a publish full queues refused (506) is never returned, only nacked. The return must
     * be written now: Qpid releases the message right after.
     */
    synchronized void returning(int channelId, int replyCode, MessagePublishInfo publish, Runnable write) {
        for (HeldNack held : heldNacks) {
            if (held.frame.getChannel() == channelId && held.returnCode == null) {
                held.returnCode = replyCode;
                break;
            }
        }
        RabbitChannel channel = channels.get(channelId);
        boolean clientMandatory = channel == null || channel.returned(publish.getExchange(), publish.getRoutingKey());
        if (replyCode == NO_ROUTE && clientMandatory) {
            write.run();
        }
    }

    @Override
    public synchronized void writeFrame(AMQDataBlock block) {
        if (block instanceof AMQFrame frame) {
            AMQBody body = frame.getBodyFrame();
            if (body instanceof BasicNackBody && processing) {
                heldNacks.add(new HeldNack(frame));
                return;
            }
            if (body instanceof ConnectionStartBody start) {
                block = new AMQFrame(frame.getChannel(), ServerProperties.asRabbitMq(start));
            } else if (body instanceof ConnectionTuneBody tune && tune.getHeartbeat() == 0) {
                // RabbitMQ proposes a heartbeat; a client that takes the server's value (pika does) gets one.
                block = new AMQFrame(frame.getChannel(), new ConnectionTuneBody(tune.getChannelMax(),
                        tune.getFrameMax(), ServerProperties.HEARTBEAT_SECONDS));
            } else if (body instanceof QueueDeclareOkBody ok) {
                block = new AMQFrame(frame.getChannel(), new QueueDeclareOkBody(ok.getQueue(),
                        readyMessages(ok.getQueue().toString(), ok.getMessageCount()), ok.getConsumerCount()));
            } else if (body instanceof BasicConsumeOkBody ok) {
                RabbitChannel channel = channels.get(frame.getChannel());
                if (channel != null) {
                    channel.consuming(ok.getConsumerTag().toString());
                }
            } else if (body instanceof BasicCancelOkBody ok) {
                RabbitChannel channel = channels.get(frame.getChannel());
                if (channel != null) {
                    channel.cancelled(ok.getConsumerTag().toString());
                }
            }
        }
        super.writeFrame(block);
    }

    /** The messages of the queue a channel is taking one from, as RabbitMQ counts them: ready ones only. */
    int readyMessages(int channelId, int qpidCount) {
        RabbitChannel channel = channels.get(channelId);
        String queue = channel == null ? null : channel.queueBeingRead();
        return queue == null ? qpidCount : (int) readyMessages(queue, qpidCount);
    }

    private long readyMessages(String queueName, long qpidCount) {
        Queue<?> queue = getAddressSpace() instanceof VirtualHost<?> host
                ? host.getChildByName(Queue.class, queueName) : null;
        return queue == null ? qpidCount : queue.getAvailableMessages();
    }
}
