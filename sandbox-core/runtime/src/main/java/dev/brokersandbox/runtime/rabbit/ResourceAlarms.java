package dev.brokersandbox.runtime.rabbit;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

import org.apache.qpid.server.model.Broker;

/**
 * RabbitMQ's resource alarms (memory, disk) as its clients see them: while one is raised, a
 * connection that publishes is sent {@code connection.blocked} (if it announced the capability)
 * and is no longer read from; once every alarm has cleared it is sent {@code connection.unblocked}
 * and read again (see {@link RabbitConnection}). Connections that only consume carry on. The
 * sandbox never runs short of memory or disk the way RabbitMQ measures them: it raises an alarm
 * only when told to.
 */
public final class ResourceAlarms {

    /** The resources RabbitMQ raises alarms for. */
    public static final Set<String> RESOURCES = Set.of("memory", "disk");
    private static final Map<Broker<?>, Set<String>> RAISED = new ConcurrentHashMap<>();

    private ResourceAlarms() {
    }

    /** Raises the alarm for {@code resource} (memory or disk) on {@code broker}. */
    public static void raise(Broker<?> broker, String resource) {
        RAISED.computeIfAbsent(broker, b -> new ConcurrentSkipListSet<>()).add(checked(resource));
    }

    /** Clears the alarm for {@code resource}; with none left, blocked connections are read again. */
    public static void clear(Broker<?> broker, String resource) {
        Set<String> raised = RAISED.get(broker);
        if (raised != null && raised.remove(checked(resource)) && raised.isEmpty()) {
            RAISED.remove(broker);
            ClientConnections.open(broker).forEach(RabbitConnection::alarmsCleared);
        }
    }

    /**
     * Why publishers are blocked, in RabbitMQ's words ({@code low on memory}, {@code low on disk}, or
     * both joined by {@code &}), or null while no alarm is raised.
     */
    static String reason(Broker<?> broker) {
        Set<String> raised = RAISED.get(broker);
        return raised == null || raised.isEmpty() ? null : "low on " + String.join(" & ", raised);
    }

    /** The broker closed: its alarms are not kept here. */
    static void forget(Broker<?> broker) {
        RAISED.remove(broker);
    }

    private static String checked(String resource) {
        if (!RESOURCES.contains(resource)) {
            throw new IllegalArgumentException("RabbitMQ raises resource alarms for memory and disk, not '" + resource + "'");
        }
        return resource;
    }
}
