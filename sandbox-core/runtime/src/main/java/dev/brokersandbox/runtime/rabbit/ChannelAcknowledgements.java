package dev.brokersandbox.runtime.rabbit;

import static dev.brokersandbox.runtime.rabbit.ReplyCode.NOT_IMPLEMENTED;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.PRECONDITION_FAILED;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.qpid.server.message.MessageInstance;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.protocol.v0_8.AMQChannel;

/**
 * A channel's settling of deliveries (ack, reject, nack, recover, and commits that settle them),
 * with RabbitMQ's errors; each settlement may free a consumer's prefetch. Deliveries to stream
 * consumers are settled here, as Qpid keeps no record of them.
 *
 * <p>On a transactional channel, acks, rejects and nacks are held until tx.commit, as RabbitMQ
 * holds them: a held delivery tag is no longer known to the channel (a second ack is 406), a
 * rollback makes it known again, unsettled, and a recover leaves it alone.
 */
final class ChannelAcknowledgements {

    private final RabbitChannel channel;
    private final DeliveryTags deliveryTags;
    private final ChannelPrefetch prefetch;
    private final StreamConsumers streams;
    private boolean transactional;
    /** Settlements held until the commit, each of one delivery tag, in the order they came. */
    private final List<Settlement> held = new ArrayList<>();
    private final Set<Long> heldTags = new HashSet<>();

    private enum Kind { ACK, REJECT, NACK }

    private record Settlement(Kind kind, long deliveryTag, boolean requeue) {
    }

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
        // Stream deliveries are settled at once, transaction or not: Qpid keeps no record of them.
        if (ofAStream || knownTag(deliveryTag, multiple) && !held(Kind.ACK, deliveryTag, multiple, false)) {
            channel.qpid().receiveBasicAck(deliveryTag, multiple);
            prefetch.settled();
        }
    }

    void reject(long deliveryTag, boolean requeue) {
        if (!streamDelivery(deliveryTag, false) && knownTag(deliveryTag, false)
                && !held(Kind.REJECT, deliveryTag, false, requeue)) {
            if (requeue) {
                returning(deliveryTags.upTo(deliveryTag, false));
            }
            channel.qpid().receiveBasicReject(deliveryTag, requeue);
            prefetch.settled();
        }
    }

    void nack(long deliveryTag, boolean multiple, boolean requeue) {
        if (!streamDelivery(deliveryTag, multiple) && knownTag(deliveryTag, multiple)
                && !held(Kind.NACK, deliveryTag, multiple, requeue)) {
            Collection<Long> tags = deliveryTags.upTo(deliveryTag, multiple);
            // A nack is RabbitMQ's reject of each delivery. Qpid's own nack with requeue left basic.get
            // deliveries where another channel's consumer never got them, and without requeue it settles
            // only the highest of several tags (it dead-letters by that tag each time).
            if (requeue) {
                requeue(tags);
            } else {
                tags.forEach(tag -> channel.qpid().receiveBasicReject(tag, false));
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
        if (heldTags.isEmpty()) {
            returning(deliveryTags.upTo(0, true));
            channel.qpid().receiveBasicRecover(true, sync);
        } else {
            requeue(unsettled(deliveryTags.upTo(0, true)));
            if (sync) {
                channel.answer(channel.methods().createBasicRecoverSyncOkBody());
            }
        }
        prefetch.settled();
    }

    /** Puts each delivery of {@code tags} back, as a reject with requeue does (or dead-letters it; see below). */
    private void requeue(Collection<Long> tags) {
        returning(tags);
        tags.stream().filter(tag -> deliveryTags.delivery(tag) != null)
                .forEach(tag -> channel.qpid().receiveBasicReject(tag, true));
    }

    /** The channel or its connection closes: Qpid puts every unacknowledged delivery back. */
    void closing() {
        returning(deliveryTags.upTo(0, true));
    }

    /**
     * Deliveries go back to their queues: those over their quorum queue's delivery limit are
     * dead-lettered instead, and those published with expiration "0" expire there. Whether any was
     * dead-lettered.
     */
    private boolean returning(Collection<Long> tags) {
        for (long tag : tags) {
            MessageInstance delivery = deliveryTags.delivery(tag);
            if (delivery != null && Expiration.isZero(delivery.getMessage())
                    && delivery.getOwningResource() instanceof Queue<?> queue) {
                Arrivals.reached(List.of(queue));
            }
        }
        return QuorumQueues.returning(deliveryTags, List.copyOf(tags), tag -> channel.qpid().receiveBasicReject(tag, false));
    }

    /** tx.select: settlements are held from now on. */
    void transactional() {
        transactional = true;
    }

    /** tx.commit: the held settlements are done now, in the order they came. */
    void commit() {
        List<Settlement> settlements = List.copyOf(held);
        rollback();
        transactional = false;
        try {
            for (Settlement settlement : settlements) {
                switch (settlement.kind()) {
                    case ACK -> ack(settlement.deliveryTag(), false);
                    case REJECT -> reject(settlement.deliveryTag(), settlement.requeue());
                    case NACK -> nack(settlement.deliveryTag(), false, settlement.requeue());
                }
            }
        } finally {
            transactional = true;
        }
        prefetch.settled();
    }

    /** tx.rollback: the held settlements are forgotten; their deliveries wait to be settled again. */
    void rollback() {
        held.clear();
        heldTags.clear();
    }

    /** Holds the settlement of {@code deliveryTag} (or all up to it) if the channel is transactional; whether it did. */
    private boolean held(Kind kind, long deliveryTag, boolean multiple, boolean requeue) {
        if (!transactional) {
            return false;
        }
        for (long tag : unsettled(deliveryTags.upTo(deliveryTag, multiple))) {
            held.add(new Settlement(kind, tag, requeue));
            heldTags.add(tag);
        }
        return true;
    }

    /** {@code tags} without those a transaction holds a settlement for. */
    private List<Long> unsettled(Collection<Long> tags) {
        return tags.stream().filter(tag -> !heldTags.contains(tag)).toList();
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
        if (deliveryTags.isUnknown(deliveryTag, multiple) || heldTags.contains(deliveryTag)) {
            channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - unknown delivery tag " + deliveryTag);
            return false;
        }
        return true;
    }
}
