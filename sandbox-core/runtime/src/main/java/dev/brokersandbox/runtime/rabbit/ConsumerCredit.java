package dev.brokersandbox.runtime.rabbit;

import org.apache.qpid.server.protocol.v0_8.ConsumerTarget_0_8;
import org.apache.qpid.server.protocol.v0_8.FlowCreditManager_0_8;

/**
 * The credit of one consumer under RabbitMQ's per-consumer prefetch ({@code basic.qos} with
 * {@code global=false}): at most {@code limit} unacknowledged deliveries of its own, and within the
 * channel's prefetch as well. Qpid gives all of a channel's consumers the channel's credit manager
 * (RabbitMQ's {@code global=true}); a consumer started under a per-consumer prefetch gets this one in
 * its place.
 */
final class ConsumerCredit implements FlowCreditManager_0_8 {

    private final ConsumerTarget_0_8 target;
    private final FlowCreditManager_0_8 channel;
    private final long limit;
    /** Credit taken for a message that is not yet among the target's unacknowledged deliveries. */
    private int allocated;

    private ConsumerCredit(ConsumerTarget_0_8 target, FlowCreditManager_0_8 channel, long limit) {
        this.target = target;
        this.channel = channel;
        this.limit = limit;
    }

    /** Limits {@code target} to {@code limit} unacknowledged deliveries, on top of its channel's prefetch. */
    static void limit(ConsumerTarget_0_8 target, long limit) {
        QpidPrivateFields.setCreditManager(target,
                new ConsumerCredit(target, (FlowCreditManager_0_8) target.getCreditManager(), limit));
    }

    /**
     * A message went out to {@code target}: it is now counted among the target's unacknowledged
     * deliveries, no longer as allocated credit.
     */
    static void delivered(ConsumerTarget_0_8 target) {
        if (target.getCreditManager() instanceof ConsumerCredit credit && credit.allocated > 0) {
            credit.allocated--;
        }
    }

    private boolean withinLimit() {
        return target.getUnacknowledgedMessages() + allocated < limit;
    }

    @Override
    public boolean hasCredit() {
        return withinLimit() && channel.hasCredit();
    }

    @Override
    public boolean useCreditForMessage(long msgSize) {
        if (!withinLimit() || !channel.useCreditForMessage(msgSize)) {
            return false;
        }
        allocated++;
        return true;
    }

    /** Credit Qpid took for a message it then could not send. */
    @Override
    public void restoreCredit(long count, long bytes) {
        allocated = (int) Math.max(0, allocated - count);
        channel.restoreCredit(count, bytes);
    }

    @Override
    public boolean isNotBytesLimitedAndHighPrefetch() {
        return channel.isNotBytesLimitedAndHighPrefetch();
    }

    @Override
    public boolean isBytesLimited() {
        return channel.isBytesLimited();
    }

    @Override
    public boolean isCreditOverBatchLimit() {
        return channel.isCreditOverBatchLimit();
    }
}
