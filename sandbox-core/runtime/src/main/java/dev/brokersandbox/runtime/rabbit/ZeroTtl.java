package dev.brokersandbox.runtime.rabbit;

import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.NamedAddressSpace;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.queue.QueueConsumer;
import org.apache.qpid.server.queue.QueueEntry;

/**
 * RabbitMQ's TTL of 0 (a queue's {@code x-message-ttl=0}, a message's {@code expiration "0"}): the
 * message expires on reaching a queue unless a consumer can take it at once, and when it is
 * requeued. Qpid has no such TTL (its 0 means "never", and any other TTL counts time, so a message
 * could expire on its way to a waiting consumer), so Qpid never expires these messages and this
 * class does, after each publish and each requeue.
 */
final class ZeroTtl {

    /** Queues with x-message-ttl=0, their own or a policy's. */
    private static final WatchedQueues QUEUES = new WatchedQueues();

    private ZeroTtl() {
    }

    /** Watches {@code queue} while it has x-message-ttl=0, its own or a policy's. */
    static void watchIfZero(Queue<?> queue) {
        Object ttl = queue.getActualAttributes().get("maximumMessageTtl");
        if (ttl != null && Long.parseLong(String.valueOf(ttl)) == 0) {
            QUEUES.watch(queue);
        } else {
            QUEUES.remove(queue);
        }
    }

    /** Whether {@code host} has a queue with x-message-ttl=0. */
    static boolean watches(NamedAddressSpace host) {
        return QUEUES.any(host);
    }

    /** A publish completed or deliveries were requeued in {@code host}: what its TTL-0 queues expire, expires. */
    static void settle(NamedAddressSpace host) {
        for (Queue<?> queue : QUEUES.of(host)) {
            settle(queue, true);
        }
    }

    /** A message that can expire reached {@code queue} (or went back to it): one published with expiration "0" expires. */
    static void arrived(Queue<?> queue) {
        settle(queue, QUEUES.contains(queue));
    }

    private static void settle(Queue<?> queue, boolean everyMessage) {
        if (queue.isDeleted()) {
            return;
        }
        boolean takerWaiting = queue.getConsumers().stream().anyMatch(QueueConsumer::isNotifyWorkDesired);
        for (QueueEntry entry = queue.getLeastSignificantOldestEntry(); entry != null; entry = entry.getNextValidEntry()) {
            boolean zero = everyMessage || Expiration.isZero(entry.getMessage());
            // A consumer can take a new message at once; a requeued one had its chance.
            if (zero && entry.isAvailable() && (!takerWaiting || entry.isRedelivered()) && entry.acquireOrSteal(null)) {
                QueueEntry expired = entry;
                DeadLetterDestination.because("expired", () -> expired.routeToAlternate(null, null, null));
            }
        }
    }

    /** The broker closed: its queues are not kept here. */
    static void forget(Broker<?> broker) {
        QUEUES.forget(broker);
    }
}
