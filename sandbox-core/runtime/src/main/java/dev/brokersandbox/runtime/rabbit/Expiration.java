package dev.brokersandbox.runtime.rabbit;

import org.apache.qpid.server.message.ServerMessage;
import org.apache.qpid.server.protocol.v0_8.AMQMessage;
import org.apache.qpid.server.protocol.v0_8.transport.BasicContentHeaderProperties;
import org.apache.qpid.server.protocol.v0_8.transport.ContentHeaderBody;

/**
 * RabbitMQ's {@code expiration} property is a TTL in milliseconds; Qpid reads it as an absolute
 * time, so "60000" would have expired in 1970. The sandbox makes it absolute on arrival, counting
 * from the arrival time Qpid records, and relative again wherever a client reads it. A TTL of 0
 * stays 0, which Qpid reads as "never": {@link ZeroTtl} expires those messages.
 */
final class Expiration {

    private Expiration() {
    }

    /** A message arrives at {@code arrivalTime} (Qpid's record of it): its TTL becomes Qpid's absolute expiration. */
    static void onArrival(BasicContentHeaderProperties properties, long arrivalTime) {
        if (properties.hasExpiration() && properties.getExpiration() > 0) {
            properties.setExpiration(arrivalTime + properties.getExpiration());
        }
    }

    /** Whether {@code message} was published with expiration "0". */
    static boolean isZero(ServerMessage<?> message) {
        return message instanceof AMQMessage amqp && isZero(amqp.getContentHeaderBody().getProperties());
    }

    private static boolean isZero(BasicContentHeaderProperties properties) {
        return properties.hasExpiration() && properties.getExpiration() == 0;
    }

    /** The expiration {@code message} was published with, in milliseconds; null if it had none. */
    static String published(AMQMessage message) {
        BasicContentHeaderProperties properties = message.getContentHeaderBody().getProperties();
        if (!properties.hasExpiration()) {
            return null;
        }
        return isZero(properties) ? "0" : String.valueOf(properties.getExpiration() - message.getArrivalTime());
    }

    /** {@code message} with the expiration it was published with, as a consumer reads it; the stored message is shared. */
    static AMQMessage asPublished(AMQMessage message) {
        BasicContentHeaderProperties stored = message.getContentHeaderBody().getProperties();
        if (!stored.hasExpiration() || isZero(stored)) {
            return message;
        }
        BasicContentHeaderProperties properties = new BasicContentHeaderProperties(stored);
        properties.setExpiration(stored.getExpiration() - message.getArrivalTime());
        ContentHeaderBody header = new ContentHeaderBody(properties, message.getSize());
        return new AMQMessage(message.getStoredMessage(), message.getConnectionReference()) {
            @Override
            public ContentHeaderBody getContentHeaderBody() {
                return header;
            }
        };
    }
}
