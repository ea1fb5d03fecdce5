package dev.brokersandbox.runtime.rabbit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.virtualhost.QueueManagingVirtualHost;

/**
 * RabbitMQ's {@code x-expires}: a queue unused for that long (no consumer, no basic.get, no
 * redeclare) is deleted. Qpid has no such lifetime; the check runs on the virtual host's own
 * housekeeping threads, so it adds none and ends with the virtual host.
 */
final class QueueExpiry {

    /** The queues with an expiry, and when each was last used. */
    private static final Map<Queue<?>, Long> LAST_USED = new ConcurrentHashMap<>();

    private QueueExpiry() {
    }

    /** Starts the expiry of a queue just declared with {@code x-expires=ttl}. */
    static void start(Queue<?> queue, long ttl) {
        // Queues of stopped sandboxes are forgotten here rather than kept for the life of the JVM.
        LAST_USED.keySet().removeIf(q -> q.isDeleted() || q.getVirtualHost().getState() != State.ACTIVE);
        if (LAST_USED.putIfAbsent(queue, System.currentTimeMillis()) == null) {
            schedule(queue, ttl, ttl);
        }
    }

    /** The queue was used (declared again, read with basic.get): its expiry starts again. */
    static void touch(Queue<?> queue) {
        LAST_USED.computeIfPresent(queue, (q, before) -> System.currentTimeMillis());
    }

    private static void schedule(Queue<?> queue, long ttl, long delay) {
        ((QueueManagingVirtualHost<?>) queue.getVirtualHost()).scheduleTask(Math.max(1, delay), () -> check(queue, ttl));
    }

    private static void check(Queue<?> queue, long ttl) {
        Long lastUsed = LAST_USED.get(queue);
        if (lastUsed == null || queue.isDeleted()) {
            LAST_USED.remove(queue);
            return;
        }
        long now = System.currentTimeMillis();
        if (queue.getConsumerCount() > 0) {
            LAST_USED.put(queue, now); // in use: the idle time starts when the last consumer goes
            schedule(queue, ttl, ttl);
        } else if (now - lastUsed >= ttl) {
            LAST_USED.remove(queue);
            queue.deleteAndReturnCount();
        } else {
            schedule(queue, ttl, lastUsed + ttl - now);
        }
    }

    /** The broker closed: its queues are not kept here. */
    static void forget(Broker<?> broker) {
        LAST_USED.keySet().removeIf(queue -> queue.getVirtualHost().getParent().getParent() == broker);
    }
}
