package dev.brokersandbox.runtime.rabbit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.qpid.server.model.Broker;

/**
 * RabbitMQ's user tags ({@code rabbitmqctl set_user_tags}). Of them only {@code impersonator}
 * changes what a client sees: its connections may publish with another user's user-id. The others
 * are for RabbitMQ's management UI, which the sandbox has not. A user starts as administrator, as
 * RabbitMQ's guest does.
 */
public final class UserTags {

    private static final List<String> DEFAULT = List.of("administrator");
    private static final Map<Broker<?>, Map<String, List<String>>> TAGS = new ConcurrentHashMap<>();

    private UserTags() {
    }

    /** Replaces the tags of {@code user} on {@code broker}. */
    public static void set(Broker<?> broker, String user, List<String> tags) {
        TAGS.computeIfAbsent(broker, b -> new ConcurrentHashMap<>()).put(user, List.copyOf(tags));
    }

    /** The tags of {@code user} on {@code broker}. */
    public static List<String> of(Broker<?> broker, String user) {
        return TAGS.getOrDefault(broker, Map.of()).getOrDefault(user, DEFAULT);
    }

    /** Whether {@code user} may publish messages whose user-id names someone else. */
    static boolean isImpersonator(Broker<?> broker, String user) {
        return of(broker, user).contains("impersonator");
    }

    /** The broker closed: its users' tags are not kept here. */
    static void forget(Broker<?> broker) {
        TAGS.remove(broker);
    }
}
