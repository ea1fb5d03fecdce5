package dev.brokersandbox.runtime.rabbit;

import org.apache.qpid.server.consumer.ConsumerTarget;
import org.apache.qpid.server.flow.FlowCreditManager;
import org.apache.qpid.server.message.MessageInstanceConsumer;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.protocol.v0_8.ConsumerTarget_0_8;

/**
 * RabbitMQ pushes a message to a consumer that can take it as the message arrives, so a basic.get
 * only ever sees what the consumers could not take. Qpid's consumers pull from their own threads,
 * a moment later, and a basic.get in between takes the message from them. When a queue has a
 * consumer that no prefetch limits, every message is that consumer's: a basic.get gets get-empty.
 * (With only prefetch-limited consumers, a get competes with them for the messages over their limits.)
 */
final class PushedToConsumers {

    private PushedToConsumers() {
    }

    /** Whether a consumer of {@code queue} would have been pushed every message it holds. */
    static boolean takeEverything(Queue<?> queue) {
        for (MessageInstanceConsumer<?> consumer : queue.getConsumers()) {
            if (consumer.getTarget() instanceof ConsumerTarget_0_8 target
                    && target.getState() == ConsumerTarget.State.OPEN && unlimited(target)) {
                return true;
            }
        }
        return false;
    }

    private static boolean unlimited(ConsumerTarget_0_8 target) {
        FlowCreditManager credit = target.getCreditManager();
        if (credit instanceof NoAckCredit noAck) {
            return noAck.hasCredit(); // takes no prefetch, unless the channel's is used up
        }
        return !(credit instanceof ConsumerCredit) && QpidPrivateFields.unlimited(credit);
    }
}
