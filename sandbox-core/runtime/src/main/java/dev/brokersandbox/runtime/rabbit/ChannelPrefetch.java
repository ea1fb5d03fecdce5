package dev.brokersandbox.runtime.rabbit;

import java.util.ArrayList;
import java.util.List;

import org.apache.qpid.server.consumer.ConsumerTarget;
import org.apache.qpid.server.protocol.v0_8.ConsumerTarget_0_8;

/**
 * RabbitMQ's {@code basic.qos} for one channel. With {@code global=true} the prefetch is shared by
 * the channel's consumers, which is Qpid's own (and only) prefetch. With {@code global=false} it is a
 * limit for each consumer the channel starts afterwards, which that consumer's {@link ConsumerCredit}
 * keeps.
 */
final class ChannelPrefetch {

    /** The prefetch of consumers started from now on; 0: none. */
    private int perConsumer;
    private final List<ConsumerTarget_0_8> limited = new ArrayList<>();

    void perConsumer(int prefetchCount) {
        perConsumer = prefetchCount;
    }

    int perConsumer() {
        return perConsumer;
    }

    /** The channel started consumer {@code target} (acknowledging, or not: then no prefetch applies). */
    void started(ConsumerTarget_0_8 target, boolean acknowledging) {
        if (perConsumer == 0 || !acknowledging) {
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
    }
}
