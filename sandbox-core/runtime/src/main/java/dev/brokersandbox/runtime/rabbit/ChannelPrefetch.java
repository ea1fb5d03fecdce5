package dev.brokersandbox.runtime.rabbit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.apache.qpid.server.consumer.AbstractConsumerTarget;
import org.apache.qpid.server.consumer.ConsumerTarget;
import org.apache.qpid.server.protocol.v0_8.AMQChannel;
import org.apache.qpid.server.protocol.v0_8.ConsumerTarget_0_8;

/**
 * RabbitMQ's {@code basic.qos} for one channel. With {@code global=true} the prefetch is shared by
 * the channel's consumers, which is Qpid's own (and only) prefetch. With {@code global=false} it is a
 * limit for each consumer the channel starts afterwards, which that consumer's {@link ConsumerCredit}
 * keeps. No-ack consumers obey the shared one ({@link NoAckCredit}).
 *
 * <p>Credit freed by a settlement goes round the channel's consumers in turn, as RabbitMQ shares a
 * prefetch out: Qpid serves them in one fixed order, so the first one would take every message.
 */
final class ChannelPrefetch {

    private final AMQChannel channel;
    /** The prefetch of consumers started from now on; 0: none. */
    private int perConsumer;
    private final List<ConsumerTarget_0_8> limited = new ArrayList<>();
    /** How many consumers the next settlement moves to the back of the queue of those waiting to send. */
    private int turn;

    ChannelPrefetch(AMQChannel channel) {
        this.channel = channel;
    }

    void perConsumer(int prefetchCount) {
        perConsumer = prefetchCount;
    }

    int perConsumer() {
        return perConsumer;
    }

    /** The channel started consumer {@code target}, acknowledging or not. */
    void started(ConsumerTarget_0_8 target, boolean acknowledging) {
        if (!acknowledging) {
            QpidPrivateFields.setCreditManager(target, new NoAckCredit(QpidPrivateFields.channelCredit(channel)));
            target.updateNotifyWorkDesired();
            return;
        }
        if (perConsumer == 0) {
            return;
        }
        ConsumerCredit.limit(target, perConsumer);
        limited.add(target);
        target.updateNotifyWorkDesired();
    }

    /**
     * Deliveries may have been settled (acked, rejected, recovered, committed): a consumer back under
     * its limit wants messages again. Qpid only looks again when the channel's own credit changes.
     */
    void settled() {
        limited.removeIf(target -> target.getState() == ConsumerTarget.State.CLOSED);
        for (ConsumerTarget_0_8 target : limited) {
            target.updateNotifyWorkDesired();
        }
        takeTurns();
    }

    private void takeTurns() {
        Set<AbstractConsumerTarget<?>> waiting = QpidPrivateFields.pendingWork(channel);
        int size = waiting.size();
        if (size < 2) {
            return;
        }
        turn = (turn + 1) % size;
        Iterator<AbstractConsumerTarget<?>> order = List.copyOf(waiting).iterator();
        for (int moved = 0; moved < turn && order.hasNext(); moved++) {
            AbstractConsumerTarget<?> target = order.next();
            waiting.remove(target);
            waiting.add(target);
        }
    }
}
