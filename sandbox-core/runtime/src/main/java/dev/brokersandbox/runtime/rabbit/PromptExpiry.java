package dev.brokersandbox.runtime.rabbit;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.qpid.server.message.ServerMessage;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.NamedAddressSpace;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.queue.QueueEntry;
import org.apache.qpid.server.virtualhost.QueueManagingVirtualHost;

/**
 * RabbitMQ expires the message at the head of a queue when its TTL passes; Qpid when its
 * housekeeping next looks (every 100 ms here) or a consumer reaches the message, so a message could
 * be dead-lettered a good part of a TTL late. After a message reaches a queue, this class schedules
 * a look at the queue for when its head's TTL passes, on the virtual host's own housekeeping
 * threads, and from there one for the next head.
 */
final class PromptExpiry {

    /** The queues with a look scheduled, and when. */
    private static final Map<Queue<?>, Long> SCHEDULED = new ConcurrentHashMap<>();
    /** Queues with a TTL above 0 (x-message-ttl or a policy's message-ttl): every message that reaches them can expire. */
    private static final WatchedQueues TIMED = new WatchedQueues();

    private PromptExpiry() {
    }

    /** Watches {@code queue} while it has a TTL, its own or a policy's. */
    static void watchIfTimed(Queue<?> queue) {
        if (queue.getMaximumMessageTtl() > 0) {
            TIMED.watch(queue);
        } else {
            TIMED.remove(queue);
        }
    }

    /** Whether {@code host} has a queue with a TTL. */
    static boolean watches(NamedAddressSpace host) {
        return TIMED.any(host);
    }

    /** Messages reached {@code queues}: each gets a look when its head expires, if it expires. */
    static void arrived(Collection<? extends Queue<?>> queues) {
        queues.forEach(PromptExpiry::scheduleHead);
    }

    private static void scheduleHead(Queue<?> queue) {
        QueueEntry head = head(queue);
        long expiry = head == null ? 0 : expiry(queue, head.getMessage());
        if (expiry == 0 || queue.isDeleted()) {
            return;
        }
        Long scheduled = SCHEDULED.get(queue);
        if (scheduled != null && scheduled <= expiry) {
            return; // a look comes first, and schedules the next
        }
        SCHEDULED.put(queue, expiry);
        long delay = Math.max(1, expiry - System.currentTimeMillis() + 1);
        ((QueueManagingVirtualHost<?>) queue.getVirtualHost()).scheduleTask(delay, () -> look(queue, expiry));
    }

    private static void look(Queue<?> queue, long expiry) {
        if (!SCHEDULED.remove(queue, expiry) || queue.isDeleted()) {
            return; // an earlier look replaced this one
        }
        for (QueueEntry head = head(queue); head != null && head.expired(); head = head(queue)) {
            if (head.acquireOrSteal(null)) {
                head.routeToAlternate(null, null, null); // a dead-letter exchange takes it as expired
            }
        }
        scheduleHead(queue);
    }

    /** The oldest message of {@code queue} that no consumer holds, or null. */
    private static QueueEntry head(Queue<?> queue) {
        QueueEntry entry = queue.getLeastSignificantOldestEntry();
        while (entry != null && !entry.isAvailable()) {
            entry = entry.getNextValidEntry();
        }
        return entry;
    }

    /** When {@code message} expires on {@code queue} (its own TTL or the queue's, whichever is first); 0: never. */
    private static long expiry(Queue<?> queue, ServerMessage<?> message) {
        long own = message.getExpiration();
        long ttl = queue.getMaximumMessageTtl();
        long queues = ttl > 0 ? message.getArrivalTime() + ttl : 0;
        return own > 0 && queues > 0 ? Math.min(own, queues) : Math.max(own, queues);
    }

    /** The broker closed: its queues are not kept here. */
    static void forget(Broker<?> broker) {
        SCHEDULED.keySet().removeIf(queue -> queue.getVirtualHost().getParent().getParent() == broker);
        TIMED.forget(broker);
    }
}
