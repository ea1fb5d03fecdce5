package dev.brokersandbox.runtime.rabbit;

import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.NamedAddressSpace;
import org.apache.qpid.server.model.OverflowPolicy;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.queue.QueueEntry;

/**
 * RabbitMQ's default overflow (drop-head) for {@code x-max-length}: the oldest ready messages
 * beyond the limit are dead-lettered with reason {@code maxlen}, or dropped without a dead-letter
 * exchange. Qpid's own ring policy can only delete them, so such queues get no Qpid overflow policy
 * and are trimmed here after each publish and requeue, before the channel's next method.
 */
final class MaxLength {

    private static final WatchedQueues QUEUES = new WatchedQueues();

    private MaxLength() {
    }

    /** Watches {@code queue} while it has a length limit and no Qpid overflow policy (RabbitMQ's drop-head). */
    static void watchIfLimited(Queue<?> queue) {
        if (queue.getOverflowPolicy() == OverflowPolicy.NONE
                && (queue.getMaximumQueueDepthMessages() >= 0 || queue.getMaximumQueueDepthBytes() >= 0)) {
            QUEUES.watch(queue);
        } else {
            QUEUES.remove(queue); // a policy that set the limit went
        }
    }

    /** Whether {@code host} has a queue this class trims. */
    static boolean watches(NamedAddressSpace host) {
        return QUEUES.any(host);
    }

    /** Trims every watched queue of {@code host} to its limit. */
    static void trim(NamedAddressSpace host) {
        for (Queue<?> queue : QUEUES.of(host)) {
            if (!queue.isDeleted()) {
                trimWatched(queue);
            }
        }
    }

    private static long readyBodyBytes(Queue<?> queue) {
        long bytes = 0;
        for (QueueEntry e = queue.getLeastSignificantOldestEntry(); e != null; e = e.getNextValidEntry()) {
            if (e.isAvailable()) {
                bytes += e.getMessage().getSize();
            }
        }
        return bytes;
    }

    /** Trims {@code queue} to its limit, if it is watched. */
    static void trim(Queue<?> queue) {
        if (QUEUES.contains(queue) && !queue.isDeleted()) {
            trimWatched(queue);
        }
    }

    private static void trimWatched(Queue<?> queue) {
        long maxMessages = queue.getMaximumQueueDepthMessages();
        long maxBytes = queue.getMaximumQueueDepthBytes();
        QueueEntry entry = null;
        // RabbitMQ counts ready messages only (delivered, unacknowledged ones are skipped, not dropped),
        // and for x-max-length-bytes their bodies only. Qpid's depth (all messages, headers included) is
        // never less, so the walk over the queue is only needed when that is over the limit.
        while ((maxMessages >= 0 && queue.getAvailableMessages() > maxMessages)
                || (maxBytes >= 0 && queue.getQueueDepthBytes() > maxBytes && readyBodyBytes(queue) > maxBytes)) {
            entry = entry == null ? queue.getLeastSignificantOldestEntry() : entry.getNextValidEntry();
            if (entry == null) {
                return;
            }
            if (entry.acquireOrSteal(null)) {
                QueueEntry dropped = entry;
                DeadLetterDestination.overLength(() -> dropped.routeToAlternate(null, null, null));
            }
        }
    }

    /** The broker closed: its queues are not kept here. */
    static void forget(Broker<?> broker) {
        QUEUES.forget(broker);
    }
}
