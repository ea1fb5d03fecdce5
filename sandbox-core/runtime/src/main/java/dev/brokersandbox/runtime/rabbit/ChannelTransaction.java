package dev.brokersandbox.runtime.rabbit;

import java.util.ArrayList;
import java.util.List;

import org.apache.qpid.server.bytebuffer.QpidByteBuffer;
import org.apache.qpid.server.protocol.v0_8.AMQShortString;
import org.apache.qpid.server.protocol.v0_8.transport.BasicContentHeaderProperties;

/**
 * A transactional channel's publishes, held until tx.commit as RabbitMQ holds them. Qpid's own
 * transactions differ where clients can tell: they give a message its arrival time (from which
 * TTLs count) at the publish, not at the commit; they close the connection (312) for an unroutable
 * mandatory publish instead of returning it at the commit; and their rollback puts every delivery of
 * the channel back. So Qpid's channel never becomes transactional: a commit hands the held publishes
 * to it one after the other, then the held acknowledgements (see {@link ChannelAcknowledgements}).
 */
final class ChannelTransaction {

    private final RabbitChannel channel;
    private final ChannelPublishing publishing;
    private final List<HeldPublish> held = new ArrayList<>();
    /** The publish whose header or content frames are still arriving, or null. */
    private HeldPublish receiving;

    ChannelTransaction(RabbitChannel channel, ChannelPublishing publishing) {
        this.channel = channel;
        this.publishing = publishing;
    }

    /** A publish as the client sent it; its content is copied, as Qpid frees each frame after the call. */
    private static final class HeldPublish {
        private final AMQShortString exchange;
        private final AMQShortString routingKey;
        private final boolean mandatory;
        private BasicContentHeaderProperties properties;
        private long bodySize;
        private final List<byte[]> content = new ArrayList<>();
        private long received;

        HeldPublish(AMQShortString exchange, AMQShortString routingKey, boolean mandatory) {
            this.exchange = exchange;
            this.routingKey = routingKey;
            this.mandatory = mandatory;
        }
    }

    /** Whether the channel is receiving the header or content of a held publish. */
    boolean receiving() {
        return receiving != null;
    }

    /** basic.publish: refused now as RabbitMQ refuses it at the publish, else held with what follows. */
    void publish(AMQShortString exchange, AMQShortString routingKey, boolean mandatory, boolean immediate) {
        if (publishing.accepts(exchange, immediate)) {
            receiving = new HeldPublish(exchange, routingKey, mandatory);
        }
    }

    void header(BasicContentHeaderProperties properties, long bodySize) {
        HeldPublish publish = receiving;
        if (!publishing.accepts(properties, bodySize)) {
            receiving = null;
            return;
        }
        publish.properties = properties;
        publish.bodySize = bodySize;
        completeIfWhole(publish);
    }

    void content(QpidByteBuffer data) {
        HeldPublish publish = receiving;
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        publish.content.add(bytes);
        publish.received += bytes.length;
        completeIfWhole(publish);
    }

    private void completeIfWhole(HeldPublish publish) {
        if (publish.received >= publish.bodySize) {
            held.add(publish);
            receiving = null;
        }
    }

    /** tx.commit: the held publishes reach their queues now, in the order they were sent. */
    void commit() {
        List<HeldPublish> publishes = List.copyOf(held);
        held.clear();
        for (HeldPublish publish : publishes) {
            // A step refused at the commit (the exchange gone, a CC header of the wrong type) closes
            // the channel: the rest goes with it.
            publishing.publish(publish.exchange, publish.routingKey, publish.mandatory, false);
            if (closed()) {
                return;
            }
            publishing.header(publish.properties, publish.bodySize);
            if (closed()) {
                return;
            }
            for (byte[] bytes : publish.content) {
                try (QpidByteBuffer data = QpidByteBuffer.wrap(bytes)) {
                    channel.qpid().receiveMessageContent(data);
                }
            }
        }
    }

    private boolean closed() {
        return channel.qpid().ignoreAllButCloseOk();
    }

    /** tx.rollback, or the channel closes: the held publishes are dropped. */
    void rollback() {
        held.clear();
        receiving = null;
    }
}
