package dev.brokersandbox.runtime.rabbit;

import static dev.brokersandbox.runtime.rabbit.ReplyCode.ACCESS_REFUSED;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.NOT_FOUND;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.NOT_IMPLEMENTED;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.PRECONDITION_FAILED;

import java.util.ArrayList;
import java.util.List;

import org.apache.qpid.server.model.Exchange;
import org.apache.qpid.server.protocol.v0_8.AMQShortString;
import org.apache.qpid.server.protocol.v0_8.IncomingMessage;
import org.apache.qpid.server.protocol.v0_8.transport.BasicContentHeaderProperties;

/**
 * A channel's publishes on their way to Qpid, reshaped where RabbitMQ reads them otherwise: every
 * publish goes to Qpid as mandatory, because only then does Qpid hand back, as a return, a message
 * full queues refused, which it would otherwise drop. {@link RabbitConnection} and {@link RabbitOutput}
 * turn Qpid's answers back into RabbitMQ's for what the client asked. A transactional channel's
 * publishes come here at the commit, from {@link ChannelTransaction}.
 */
final class ChannelPublishing {

    /** RabbitMQ's default {@code max_message_size}: 128 MiB. */
    private static final long MAX_MESSAGE_SIZE = 134_217_728L;

    private final RabbitChannel channel;
    private final ChannelConsumption consumption;
    /** The publish Qpid is taking, until the next. */
    private Publish current;
    private boolean transactional;
    private boolean confirming;

    ChannelPublishing(RabbitChannel channel, ChannelConsumption consumption) {
        this.channel = channel;
        this.consumption = consumption;
    }

    /** A publish sent to Qpid, and whether the client asked for mandatory. */
    private record Publish(String exchange, String routingKey, boolean mandatory) {
    }

    /**
     * tx.select: the channel is transactional from now on (AMQP 0-9-1 has no way back), unless it
     * confirms. Whether it is.
     */
    boolean transactions() {
        if (confirming) {
            channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - cannot switch from confirm to tx mode");
            return false;
        }
        transactional = true;
        channel.answer(channel.methods().createTxSelectOkBody());
        return true;
    }

    boolean transactional() {
        return transactional;
    }

    /** confirm.select, unless the channel is transactional. */
    void confirms(boolean nowait) {
        if (transactional) {
            channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - cannot switch from tx to confirm mode");
            return;
        }
        confirming = true;
        channel.qpid().receiveConfirmSelect(nowait);
    }

    /** Whether a tx.commit or tx.rollback may go on: RabbitMQ refuses it on the channel otherwise. */
    boolean inTransaction() {
        if (!transactional) {
            channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - channel is not transactional");
        }
        return transactional;
    }

    void publish(AMQShortString exchange, AMQShortString routingKey, boolean mandatory, boolean immediate) {
        if (accepts(exchange, immediate)) {
            current = new Publish(name(exchange), name(routingKey), mandatory);
            channel.qpid().receiveBasicPublish(exchange, routingKey, true, false);
        }
    }

    /** Whether RabbitMQ takes a publish to {@code exchange}; if not, the channel or connection is closed. */
    boolean accepts(AMQShortString exchange, boolean immediate) {
        if (immediate) {
            channel.closeConnection(NOT_IMPLEMENTED, "NOT_IMPLEMENTED - immediate=true");
            return false;
        }
        if (exchange == null || exchange.length() == 0) {
            return true;
        }
        Exchange<?> target = channel.virtualHost().getChildByName(Exchange.class, exchange.toString());
        if (target == null) {
            channel.close(NOT_FOUND, "NOT_FOUND - no " + ResourceNames.exchange(channel.virtualHost(), exchange.toString()));
            return false;
        }
        if (ChannelDeclarations.isInternal(target)) {
            channel.close(ACCESS_REFUSED, "ACCESS_REFUSED - cannot publish to internal "
                    + ResourceNames.exchange(channel.virtualHost(), exchange.toString()));
            return false;
        }
        return true;
    }

    /** Whether RabbitMQ takes a message of {@code bodySize} octets with {@code properties}; if not, the channel is closed. */
    boolean accepts(BasicContentHeaderProperties properties, long bodySize) {
        if (bodySize > MAX_MESSAGE_SIZE) {
            channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - message size " + bodySize
                    + " is larger than configured max size " + MAX_MESSAGE_SIZE);
            return false;
        }
        String userId = properties.getUserIdAsString();
        if (userId != null && !userId.equals(channel.user()) && !channel.mayImpersonate()) {
            channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - user_id property set to '" + userId
                    + "' but authenticated user was '" + channel.user() + "'");
            return false;
        }
        if (properties.hasExpiration() && properties.getExpiration() < 0) {
            long expiration = properties.getExpiration();
            channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - invalid expiration '" + expiration
                    + "': {value_negative," + expiration + "}");
            return false;
        }
        return true;
    }

    void header(BasicContentHeaderProperties properties, long bodySize) {
        if (!accepts(properties, bodySize)) {
            return;
        }
        boolean canExpire = properties.hasExpiration() || PromptExpiry.watches(channel.virtualHost());
        Expiration.onArrival(properties, channel.lastReadTime()); // the time Qpid gives the message as its arrival
        if (!senderSelected(properties)) {
            return;
        }
        IncomingMessage message = channel.currentMessage();
        if (canExpire && message != null && message.getDestination() != null) {
            message.setMessageDestination(new ArrivalDestination(channel.virtualHost(), message.getDestination()));
        }
        if (ChannelConsumption.DIRECT_REPLY_TO.equals(properties.getReplyToAsString())) {
            if (consumption.replyQueue() == null) {
                channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - fast reply consumer does not exist");
                return;
            }
            properties.setReplyTo(consumption.replyQueue());
        }
        channel.qpid().receiveMessageHeader(properties, bodySize);
    }

    /**
     * Sender-selected distribution: a publish whose CC or BCC header lists routing keys goes to its
     * exchange through a {@link SenderSelectedDestination}, and BCC is taken out of the message, as
     * RabbitMQ does. False if the headers were refused (the channel is closed).
     */
    private boolean senderSelected(BasicContentHeaderProperties properties) {
        boolean bcc = properties.containsHeader("BCC");
        if (!bcc && !properties.containsHeader("CC")) {
            return true;
        }
        List<String> keys = new ArrayList<>();
        for (String header : List.of("CC", "BCC")) {
            Object value = properties.getHeader(header);
            List<String> listed = SenderSelectedDestination.routingKeys(value);
            if (listed == null) {
                channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - invalid message: {unacceptable_type_in_header,\""
                        + header + "\"," + RabbitArguments.amqpType(value) + "}");
                return false;
            }
            keys.addAll(listed);
        }
        if (bcc) {
            properties.setHeaders(HeaderTable.without(HeaderTable.of(properties), "BCC"));
        }
        IncomingMessage message = channel.currentMessage();
        if (message != null && message.getDestination() != null) {
            message.setMessageDestination(
                    new SenderSelectedDestination(channel.virtualHost(), message.getDestination(), keys));
        }
        return true;
    }

    /**
     * Qpid returns a publish to {@code exchange} with {@code routingKey}: whether the client asked for
     * mandatory. Qpid returns a publish while it takes its content, so it is the current one.
     */
    boolean returned(AMQShortString exchange, AMQShortString routingKey) {
        Publish publish = current;
        return publish == null || publish.mandatory()
                || !publish.exchange().equals(name(exchange)) || !publish.routingKey().equals(name(routingKey));
    }

    private static String name(AMQShortString name) {
        return name == null ? "" : name.toString();
    }
}
