package dev.brokersandbox.runtime.rabbit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.virtualhost.QueueManagingVirtualHost;

/**
 * RabbitMQ's {@code x-expires} (or a policy's {@code expires}): a queue unused for that long (no
 * consumer, no basic.get, no redeclare) is deleted. Qpid has no such lifetime; the check runs on
 * the virtual host's own housekeeping threads, so it adds none and ends with the virtual host. The
 * time is read from the queue's context at each check, so a policy that changes it applies at once.
 */
final class QueueExpiry {

    /** The queues with an expiry. */
    private static final Map<Queue<?>, Watch> WATCHED = new ConcurrentHashMap<>();

    /** When a queue was last used, and which of the checks scheduled for it is the live one. */
    private static final class Watch {
        volatile long lastUsed = System.currentTimeMillis();
        final AtomicInteger check = new AtomicInteger();
    }

    private QueueExpiry() {
    }

    /**
     * Watches {@code queue} while it has an expiry: one just declared, declared again after a restart,
     * or one whose policy changed. A queue already watched keeps the time it was last used.
     */
    static void watchIfExpiring(Queue<?> queue) {
        // Queues of stopped sandboxes are forgotten here rather than kept for the life of the JVM.
        WATCHED.keySet().removeIf(q -> q.isDeleted() || q.getVirtualHost().getState() != State.ACTIVE);
        Long ttl = ttl(queue);
        if (ttl == null) {
            WATCHED.remove(queue);
            return;
        }
        Watch watch = WATCHED.computeIfAbsent(queue, q -> new Watch());
        schedule(queue, watch, watch.lastUsed + ttl - System.currentTimeMillis());
    }

    /** The queue was used (declared again, read with basic.get): its expiry starts again. */
    static void touch(Queue<?> queue) {
        Watch watch = WATCHED.get(queue);
        if (watch != null) {
            watch.lastUsed = System.currentTimeMillis();
        }
    }

    /** The expiry in milliseconds {@code queue} has now, or null. */
    private static Long ttl(Queue<?> queue) {
        String ttl = queue.getContext().get(RabbitArguments.EXPIRES);
        return ttl == null ? null : Long.valueOf(ttl);
    }

    private static void schedule(Queue<?> queue, Watch watch, long delay) {
        int check = watch.check.incrementAndGet(); // the check scheduled before this one will do nothing
        ((QueueManagingVirtualHost<?>) queue.getVirtualHost()).scheduleTask(Math.max(1, delay),
                () -> check(queue, watch, check));
    }

    private static void check(Queue<?> queue, Watch watch, int check) {
        if (watch.check.get() != check || WATCHED.get(queue) != watch) {
            return; // a later schedule replaced this check
        }
        Long ttl = ttl(queue);
        if (ttl == null || queue.isDeleted()) {
            WATCHED.remove(queue, watch);
            return;
        }
        long now = System.currentTimeMillis();
        if (queue.getConsumerCount() > 0) {
            watch.lastUsed = now; // in use: the idle time starts when the last consumer goes
            schedule(queue, watch, ttl);
        } else if (now - watch.lastUsed >= ttl) {
            WATCHED.remove(queue, watch);
            queue.deleteAndReturnCount();
        } else {
            schedule(queue, watch, watch.lastUsed + ttl - now);
        }
    }

    /** The broker closed: its queues are not kept here. */
    static void forget(Broker<?> broker) {
        WATCHED.keySet().removeIf(queue -> queue.getVirtualHost().getParent().getParent() == broker);
    }
}
