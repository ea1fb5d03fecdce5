package dev.brokersandbox.runtime.rabbit;

import static dev.brokersandbox.runtime.rabbit.ReplyCode.NOT_IMPLEMENTED;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.PRECONDITION_FAILED;

import java.util.Collection;
import java.util.List;

import org.apache.qpid.server.protocol.v0_8.AMQChannel;

/**
 * A channel's settling of deliveries (ack, reject, nack, recover, and commits that settle them),
 * with RabbitMQ's errors; each settlement may free a consumer's prefetch. Deliveries to stream
 * consumers are settled here, as Qpid keeps no record of them.
 */
final class ChannelAcknowledgements {

    private final RabbitChannel channel;
    private final DeliveryTags deliveryTags;
    private final ChannelPrefetch prefetch;
    private final StreamConsumers streams;

    ChannelAcknowledgements(RabbitChannel channel, AMQChannel qpidChannel, ChannelPrefetch prefetch,
                            StreamConsumers streams) {
        this.channel = channel;
        this.deliveryTags = new DeliveryTags(qpidChannel);
        this.prefetch = prefetch;
        this.streams = streams;
    }

    void ack(long deliveryTag, boolean multiple) {
        boolean ofAStream = streams.deliveredTo(deliveryTag) != null;
        streams.acknowledge(deliveryTag, multiple);
        if (ofAStream && !multiple) {
            return;
        }
        if (ofAStream || knownTag(deliveryTag, multiple)) {
            channel.qpid().receiveBasicAck(deliveryTag, multiple);
            prefetch.settled();
        }
    }

    void reject(long deliveryTag, boolean requeue) {
        if (!streamDelivery(deliveryTag, false) && knownTag(deliveryTag, false)) {
            if (requeue) {
                returning(deliveryTags.upTo(deliveryTag, false));
            }
            channel.qpid().receiveBasicReject(deliveryTag, requeue);
            prefetch.settled();
        }
    }

    void nack(long deliveryTag, boolean multiple, boolean requeue) {
        if (!streamDelivery(deliveryTag, multiple) && knownTag(deliveryTag, multiple)) {
            Collection<Long> tags = deliveryTags.upTo(deliveryTag, multiple);
            if (requeue) {
                // A requeueing nack is RabbitMQ's reject of each delivery. Qpid's own nack with requeue
                // left basic.get deliveries where another channel's consumer never got them.
                returning(tags);
                tags.stream().filter(tag -> deliveryTags.delivery(tag) != null)
                        .forEach(tag -> channel.qpid().receiveBasicReject(tag, true));
            } else {
                channel.qpid().receiveBasicNack(deliveryTag, multiple, false);
            }
            prefetch.settled();
        }
    }

    /** RabbitMQ only redelivers to anyone (requeue); Qpid also to the same consumer, which RabbitMQ never implemented. */
    void recover(boolean requeue, boolean sync) {
        if (!requeue) {
            channel.closeConnection(NOT_IMPLEMENTED, "NOT_IMPLEMENTED - requeue=false");
            return;
        }
        returning(deliveryTags.upTo(0, true));
        channel.qpid().receiveBasicRecover(true, sync);
        prefetch.settled();
    }

    /** The channel or its connection closes: Qpid puts every unacknowledged delivery back. */
    void closing() {
        returning(deliveryTags.upTo(0, true));
    }

    /**
     * Deliveries go back to their queues: those over their quorum queue's delivery limit are
     * dead-lettered instead. Whether any was.
     */
    private boolean returning(Collection<Long> tags) {
        return QuorumQueues.returning(deliveryTags, List.copyOf(tags), tag -> channel.qpid().receiveBasicReject(tag, false));
    }

    /** A transaction ended: the acknowledgements it held are settled now, or not at all. */
    void transactionEnded() {
        prefetch.settled();
    }

    /** A stream delivery cannot be rejected or nacked on RabbitMQ (540, closing the connection). */
    private boolean streamDelivery(long deliveryTag, boolean multiple) {
        StreamCredit consumer = streams.deliveredTo(deliveryTag, multiple);
        if (consumer != null) {
            channel.closeConnection(NOT_IMPLEMENTED, "NOT_IMPLEMENTED - basic.nack and basic.reject not supported "
                    + "by stream queues " + ResourceNames.queue(channel.virtualHost(), consumer.queueName()));
            return true;
        }
        return false;
    }

    /** RabbitMQ closes the channel (406) on an unknown delivery tag; Qpid ignores it (on purpose, for old clients). */
    private boolean knownTag(long deliveryTag, boolean multiple) {
        if (deliveryTags.isUnknown(deliveryTag, multiple)) {
            channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - unknown delivery tag " + deliveryTag);
            return false;
        }
        return true;
    }
}
