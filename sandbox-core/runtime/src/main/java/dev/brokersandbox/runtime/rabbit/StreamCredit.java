package dev.brokersandbox.runtime.rabbit;

import java.util.Map;

import org.apache.qpid.server.protocol.v0_8.AMQMessage;
import org.apache.qpid.server.protocol.v0_8.AMQType;
import org.apache.qpid.server.protocol.v0_8.ConsumerTarget_0_8;
import org.apache.qpid.server.protocol.v0_8.FlowCreditManager_0_8;

/**
 * One consumer of a stream: Qpid browses the stream for it (taking nothing), and this keeps it to its
 * prefetch of unacknowledged deliveries, as RabbitMQ does, and gives each delivery its offset. Qpid
 * never counts a browser's deliveries as unacknowledged, so they are counted here.
 */
final class StreamCredit implements FlowCreditManager_0_8 {

    private final ConsumerTarget_0_8 target;
    private final StreamOffsets offsets;
    private final int prefetch;
    private volatile int outstanding;

    StreamCredit(ConsumerTarget_0_8 target, StreamOffsets offsets, int prefetch) {
        this.target = target;
        this.offsets = offsets;
        this.prefetch = prefetch;
    }

    String queueName() {
        return offsets.queueName();
    }

    /**
     * {@code message} as this consumer gets it: with the header {@code x-stream-offset}, and without
     * the headers that are tables or arrays, which RabbitMQ 3.10 loses on the way into a stream.
     */
    AMQMessage withOffset(AMQMessage message) {
        return HeaderTable.delivered(message, Map.of("x-stream-offset", offsets.offsetOf(message.getMessageNumber())),
                type -> type != AMQType.FIELD_TABLE && type != AMQType.FIELD_ARRAY);
    }

    /** The client acknowledged one delivery of this consumer. */
    void settled() {
        boolean had = hasCredit();
        outstanding = Math.max(0, outstanding - 1);
        if (!had) {
            target.updateNotifyWorkDesired();
        }
    }

    @Override
    public boolean hasCredit() {
        return outstanding < prefetch;
    }

    @Override
    public boolean useCreditForMessage(long msgSize) {
        if (!hasCredit()) {
            return false;
        }
        outstanding++;
        return true;
    }

    /** Credit Qpid took for a message it then could not send. */
    @Override
    public void restoreCredit(long count, long bytes) {
        outstanding = (int) Math.max(0, outstanding - count);
    }

    @Override
    public boolean isNotBytesLimitedAndHighPrefetch() {
        return false;
    }

    @Override
    public boolean isBytesLimited() {
        return false;
    }

    @Override
    public boolean isCreditOverBatchLimit() {
        return false;
    }
}
