package dev.brokersandbox.runtime.rabbit;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.NamedAddressSpace;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.State;

/**
 * The queues a rule of the adapter applies to, across every broker of the runtime (a static of the
 * rule's class). Queues of a stopped virtual host or a closed broker are dropped, so that no closed
 * broker stays reachable from here: stale ones at each {@link #watch}, a closed broker's at {@link #forget}.
 */
final class WatchedQueues {

    private final Set<Queue<?>> queues = ConcurrentHashMap.newKeySet();

    void watch(Queue<?> queue) {
        queues.removeIf(q -> q.isDeleted() || q.getVirtualHost().getState() != State.ACTIVE);
        queues.add(queue);
    }

    void watchAll(Collection<? extends Queue<?>> added) {
        queues.addAll(added);
    }

    boolean contains(Queue<?> queue) {
        return queues.contains(queue);
    }

    boolean remove(Queue<?> queue) {
        return queues.remove(queue);
    }

    /** Whether a queue of {@code host} is watched. */
    boolean any(NamedAddressSpace host) {
        return queues.stream().anyMatch(queue -> queue.getVirtualHost() == host);
    }

    /** The watched queues of {@code host}, as they are now. */
    List<Queue<?>> of(NamedAddressSpace host) {
        return queues.stream().filter(queue -> queue.getVirtualHost() == host).toList();
    }

    void forget(Broker<?> broker) {
        queues.removeIf(queue -> queue.getVirtualHost().getParent().getParent() == broker);
    }
}
