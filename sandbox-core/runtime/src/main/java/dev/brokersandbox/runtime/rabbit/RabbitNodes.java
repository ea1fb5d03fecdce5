package dev.brokersandbox.runtime.rabbit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.qpid.server.message.MessageDestination;
import org.apache.qpid.server.model.AlternateBinding;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Exchange;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.plugin.SystemNodeCreator;

/**
 * Qpid's plugin point for destinations of its own ("system nodes"): keeps each virtual host's
 * registry so that a queue declared with x-dead-letter-exchange can get its
 * {@link DeadLetterDestination} and an exchange declared with alternate-exchange its
 * {@link AlternateDestination}; when a virtual host opens after a restart it registers those of its
 * durable queues and exchanges again (and has {@link MaxLength} watch the queues' limits). Registered in
 * {@code META-INF/services}.
 */
public final class RabbitNodes implements SystemNodeCreator {

    private static final Map<VirtualHost<?>, SystemNodeRegistry> REGISTRIES = new ConcurrentHashMap<>();

    @Override
    public void register(SystemNodeRegistry registry) {
        VirtualHost<?> host = registry.getVirtualHost();
        // Deleted and stopped hosts go here; those of a closed broker in forget(..).
        REGISTRIES.keySet().removeIf(h -> h.getState() == State.DELETED || h.getState() == State.STOPPED);
        REGISTRIES.put(host, registry);
        for (Exchange<?> exchange : host.getChildren(Exchange.class)) {
            AlternateBinding binding = exchange.getAlternateBinding();
            if (binding != null) {
                ensure(host, binding.getDestination());
            }
        }
        for (Queue<?> queue : host.getChildren(Queue.class)) {
            AlternateBinding binding = queue.getAlternateBinding();
            if (binding != null) {
                ensure(host, binding.getDestination());
            }
            MaxLength.watchIfLimited(queue); // a durable queue declared with x-max-length before a restart
            ZeroTtl.watchIfZero(queue);
            PromptExpiry.watchIfTimed(queue);
            QueueExpiry.watchIfExpiring(queue); // as RabbitMQ, the idle time starts again at the restart
        }
    }

    /**
     * Forgets the virtual hosts of {@code broker}, which has shut down. Its hosts end UNAVAILABLE,
     * not STOPPED, so {@link #register} never dropped them, and through them this static map kept
     * every closed broker in memory (50 after 50 sandboxes; see StartStopLeakTest).
     */
    public static void forget(Broker<?> broker) {
        if (broker != null) {
            REGISTRIES.keySet().removeIf(host -> host.getParent().getParent() == broker);
            MaxLength.forget(broker);
            ZeroTtl.forget(broker);
            Arrivals.forget(broker);
            PromptExpiry.forget(broker);
            QueueExpiry.forget(broker);
            NodeControl.forget(broker);
            UserTags.forget(broker);
            ResourceAlarms.forget(broker);
            Permissions.forget(broker);
        }
    }

    /** Makes the destination named {@code name} known to {@code host}, if it is one of the sandbox's. */
    static void ensure(VirtualHost<?> host, String name) {
        SystemNodeRegistry registry = REGISTRIES.get(host);
        MessageDestination destination = DeadLetterDestination.fromName(host, name);
        if (destination == null) {
            destination = AlternateDestination.fromName(host, name);
        }
        if (registry != null && destination != null && !registry.hasSystemNode(name)) {
            registry.registerSystemNode(destination);
        }
    }

    @Override
    public String getType() {
        return "broker-sandbox-destinations";
    }
}
