package dev.brokersandbox.runtime.rabbit;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.NamedAddressSpace;
import org.apache.qpid.server.model.Queue;

/**
 * The queues that messages which can expire reached, from their routing until their publish
 * completes (see {@link ArrivalDestination}); then a TTL of 0 applies to them ({@link ZeroTtl}) and
 * their heads' expiry is looked at in time ({@link PromptExpiry}).
 */
final class Arrivals {

    private static final Set<Queue<?>> REACHED = ConcurrentHashMap.newKeySet();

    private Arrivals() {
    }

    static void reached(Collection<? extends Queue<?>> queues) {
        REACHED.addAll(queues);
    }

    /** Whether messages that can expire reached queues of {@code host} since the last {@link #settle}. */
    static boolean pending(NamedAddressSpace host) {
        return REACHED.stream().anyMatch(queue -> queue.getVirtualHost() == host);
    }

    /** The publishes that reached queues of {@code host} are complete. */
    static void settle(NamedAddressSpace host) {
        for (Queue<?> queue : REACHED) {
            if (queue.getVirtualHost() == host && REACHED.remove(queue)) {
                ZeroTtl.arrived(queue);
                PromptExpiry.arrived(Set.of(queue));
            }
        }
    }

    /** The broker closed: its queues are not kept here. */
    static void forget(Broker<?> broker) {
        REACHED.removeIf(queue -> queue.getVirtualHost().getParent().getParent() == broker);
    }
}
