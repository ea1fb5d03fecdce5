package dev.brokersandbox.runtime.rabbit;

import org.apache.qpid.server.protocol.v0_8.FlowCreditManager_0_8;

/**
 * The credit of a no-ack consumer: RabbitMQ counts its deliveries in no prefetch, but while the
 * channel's acknowledging consumers hold as many unacknowledged deliveries as its global prefetch
 * allows, it waits as well. Qpid gives no-ack consumers unlimited credit.
 */
final class NoAckCredit implements FlowCreditManager_0_8 {

    private final FlowCreditManager_0_8 channel;

    NoAckCredit(FlowCreditManager_0_8 channel) {
        this.channel = channel;
    }

    @Override
    public boolean hasCredit() {
        return channel.hasCredit();
    }

    /** Takes none of the channel's credit: only looks whether there is some. */
    @Override
    public boolean useCreditForMessage(long msgSize) {
        return channel.hasCredit();
    }

    @Override
    public void restoreCredit(long count, long bytes) {
        // nothing was taken
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
