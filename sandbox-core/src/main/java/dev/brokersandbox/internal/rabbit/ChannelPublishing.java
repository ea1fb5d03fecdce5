package dev.brokersandbox.internal.rabbit;

import static dev.brokersandbox.internal.rabbit.ReplyCode.PRECONDITION_FAILED;

import org.apache.qpid.server.protocol.v0_8.AMQShortString;
import org.apache.qpid.server.protocol.v0_8.transport.BasicContentHeaderProperties;

/**
 * A channel's publishes on their way to Qpid, reshaped where RabbitMQ reads them otherwise: every
 * publish goes to Qpid as mandatory (but in a transaction, where Qpid would close the connection for
 * an unroutable one), because only then does Qpid hand back, as a return, a message full queues
 * refused, which it would otherwise drop. {@link RabbitConnection} and {@link RabbitOutput} turn
 * Qpid's answers back into RabbitMQ's for what the client asked.
 */
final class ChannelPublishing {

    private final RabbitChannel channel;
    private final ChannelConsumption consumption;
    /** The publish Qpid is taking outside a transaction, until the next. */
    private Publish current;
    private boolean transactional;

    ChannelPublishing(RabbitChannel channel, ChannelConsumption consumption) {
        this.channel = channel;
        this.consumption = consumption;
    }

    /** A publish sent to Qpid, and whether the client asked for mandatory. */
    private record Publish(String exchange, String routingKey, boolean mandatory) {
    }

    /** The channel is transactional from now on (AMQP 0-9-1 has no way back). */
    void transactional() {
        transactional = true;
    }

    void publish(AMQShortString exchange, AMQShortString routingKey, boolean mandatory, boolean immediate) {
        current = transactional ? null : new Publish(name(exchange), name(routingKey), mandatory);
        channel.qpid().receiveBasicPublish(exchange, routingKey, !transactional || mandatory, immediate);
    }

    void header(BasicContentHeaderProperties properties, long bodySize) {
        // RabbitMQ reads expiration as a TTL in milliseconds; Qpid as an absolute time, so "60000" expired in 1970.
        if (properties.hasExpiration()) {
            properties.setExpiration(System.currentTimeMillis() + properties.getExpiration());
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
     * Qpid returns a publish to {@code exchange} with {@code routingKey}: whether the client asked for
     * mandatory. Outside transactions Qpid returns a publish while it takes its content, so it is the
     * current one; in a transaction only a publish the client sent as mandatory comes back.
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
