package dev.brokersandbox.runtime.rabbit;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.LongConsumer;

import org.apache.qpid.server.message.MessageInstance;
import org.apache.qpid.server.model.Queue;

/**
 * What a RabbitMQ quorum queue ({@code x-queue-type=quorum}) does that a classic queue does not, on a
 * single node: it counts how often each message went back to it (the {@code x-delivery-count}
 * header of each delivery), and with {@code x-delivery-limit} it dead-letters a message that went
 * back more often (reason {@code delivery_limit}). Qpid's own delivery count leaves out requeues, so
 * the returns are counted here, as they happen.
 */
final class QuorumQueues {

    /** How often each message of a quorum queue went back to it, by queue entry; forgotten with the entry. */
    private static final Map<MessageInstance, Integer> RETURNS = Collections.synchronizedMap(new WeakHashMap<>());

    private QuorumQueues() {
    }

    static boolean declares(Map<String, Object> rabbitArguments) {
        return "quorum".equals(String.valueOf(rabbitArguments.get("x-queue-type")));
    }

    private static boolean isQuorum(Queue<?> queue) {
        return queue != null && "quorum".equals(queue.getContext().get(RabbitArguments.QUEUE_TYPE));
    }

    private static Queue<?> quorumQueueOf(MessageInstance delivery) {
        return delivery != null && delivery.getOwningResource() instanceof Queue<?> queue && isQuorum(queue) ? queue : null;
    }

    /**
     * The {@code x-delivery-count} header a delivery of message {@code messageNumber} from {@code queue}
     * gets, or null when {@code queue} is no quorum queue: how often the message went back to it. (The
     * message is looked for among those that went back, as an auto-ack delivery has left the queue.)
     */
    static Map<String, Object> deliveryCount(Queue<?> queue, long messageNumber) {
        if (!isQuorum(queue)) {
            return null;
        }
        long returns = 0;
        synchronized (RETURNS) {
            for (Map.Entry<MessageInstance, Integer> returned : RETURNS.entrySet()) {
                if (returned.getKey().getOwningResource() == queue
                        && returned.getKey().getMessage().getMessageNumber() == messageNumber) {
                    returns = returned.getValue();
                }
            }
        }
        return Map.of("x-delivery-count", returns);
    }

    /**
     * Deliveries are going back to their queues (requeued, or their channel closes): those that went
     * back more often than their quorum queue's {@code x-delivery-limit} allows are rejected by
     * {@code reject} instead, which dead-letters them, with reason {@code delivery_limit}. Whether any was.
     */
    static boolean returning(DeliveryTags deliveries, Iterable<Long> tags, LongConsumer reject) {
        boolean rejected = false;
        for (long tag : tags) {
            MessageInstance delivery = deliveries.delivery(tag);
            Queue<?> queue = quorumQueueOf(delivery);
            if (queue == null) {
                continue;
            }
            int returns = RETURNS.merge(delivery, 1, Integer::sum);
            String limit = queue.getContext().get(RabbitArguments.DELIVERY_LIMIT);
            if (limit != null && returns > Long.parseLong(limit)) {
                RETURNS.remove(delivery);
                DeadLetterDestination.because("delivery_limit", () -> reject.accept(tag));
                rejected = true;
            }
        }
        return rejected;
    }
}
