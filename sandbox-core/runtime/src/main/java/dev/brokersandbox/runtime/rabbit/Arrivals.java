package dev.brokersandbox.runtime.rabbit;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.apache.qpid.server.message.RoutingResult;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.NamedAddressSpace;
import org.apache.qpid.server.model.Queue;

/**
 * The queues that messages which can expire reached, from their routing until their publish
 * completes (see {@link ArrivalDestination}); then a TTL of 0 applies to them ({@link ZeroTtl}) and
 * their heads' expiry is looked at in time ({@link PromptExpiry}).
 */
final class Arrivals {

    private static final WatchedQueues REACHED = new WatchedQueues();

    private Arrivals() {
    }

    static void reached(Collection<? extends Queue<?>> queues) {
        REACHED.watchAll(queues);
    }

    /** The queues among the routes of {@code result}. */
    static List<Queue<?>> queuesOf(RoutingResult<?> result) {
        return result.getRoutes().stream().filter(Queue.class::isInstance).<Queue<?>>map(queue -> (Queue<?>) queue)
                .toList();
    }

    /** Whether messages that can expire reached queues of {@code host} since the last {@link #settle}. */
    static boolean pending(NamedAddressSpace host) {
        return REACHED.any(host);
    }

    /** The publishes that reached queues of {@code host} are complete. */
    static void settle(NamedAddressSpace host) {
        for (Queue<?> queue : REACHED.of(host)) {
            if (REACHED.remove(queue)) {
                ZeroTtl.arrived(queue);
                PromptExpiry.arrived(Set.of(queue));
            }
        }
    }

    /** The broker closed: its queues are not kept here. */
    static void forget(Broker<?> broker) {
        REACHED.forget(broker);
    }
}
