package dev.brokersandbox.runtime.rabbit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.apache.qpid.server.model.Exchange;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.VirtualHost;

/**
 * RabbitMQ's policies in a Qpid virtual host: set, cleared and listed as {@code rabbitmqctl} does,
 * and applied at once to the queues and exchanges they match, those that exist and those declared
 * later (see {@link PolicyEffects}). They are kept as context variables of the virtual host, so a
 * virtual host with a data directory keeps them over a restart, as RabbitMQ keeps its policies. Of
 * the policies that match a resource only the one of highest priority applies, as in RabbitMQ.
 */
public final class Policies {

    private static final String PREFIX = "brokersandbox.policy.";

    private Policies() {
    }

    /** Sets (or replaces) policy {@code name}; IllegalArgumentException names what RabbitMQ would refuse in it. */
    public static void set(VirtualHost<?> host, String name, String pattern, Map<String, Object> definition,
                           int priority, String applyTo) {
        Policy policy = Policy.parse(name, pattern, definition, priority, applyTo);
        changeContext(host, context -> context.put(PREFIX + name, policy.toJson()));
        applyAll(host);
    }

    /** Clears policy {@code name}: what it set goes back to what was declared. False if there was none. */
    public static boolean clear(VirtualHost<?> host, String name) {
        if (!host.getContext().containsKey(PREFIX + name)) {
            return false;
        }
        changeContext(host, context -> context.remove(PREFIX + name));
        applyAll(host);
        return true;
    }

    /** The policies of {@code host} by name: name, pattern, apply-to, definition (a map) and priority of each. */
    public static List<Map<String, Object>> list(VirtualHost<?> host) {
        List<Map<String, Object>> listed = new ArrayList<>();
        for (Policy policy : policies(host).values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", policy.name());
            row.put("pattern", policy.pattern());
            row.put("apply-to", policy.applyTo());
            row.put("definition", policy.definition());
            row.put("priority", policy.priority());
            listed.add(row);
        }
        return listed;
    }

    /** The policy that applies to the queue (or, {@code queue} false, the exchange) {@code resource}, or null. */
    static Policy applying(VirtualHost<?> host, String resource, boolean queue) {
        Policy chosen = null;
        for (Policy policy : policies(host).values()) { // by name: of equal priorities, the first name wins
            if (policy.appliesTo(resource, queue) && (chosen == null || policy.priority() > chosen.priority())) {
                chosen = policy;
            }
        }
        return chosen;
    }

    private static Map<String, Policy> policies(VirtualHost<?> host) {
        Map<String, Policy> policies = new TreeMap<>();
        host.getContext().forEach((key, json) -> {
            if (key.startsWith(PREFIX)) {
                String name = key.substring(PREFIX.length());
                policies.put(name, Policy.fromJson(name, json));
            }
        });
        return policies;
    }

    private static void applyAll(VirtualHost<?> host) {
        for (Queue<?> queue : host.getChildren(Queue.class)) {
            PolicyEffects.apply(queue);
        }
        for (Exchange<?> exchange : host.getChildren(Exchange.class)) {
            PolicyEffects.apply(exchange);
        }
    }

    private static void changeContext(VirtualHost<?> host, Consumer<Map<String, String>> change) {
        Map<String, String> context = new HashMap<>(host.getContext());
        change.accept(context);
        host.setAttributes(Map.of("context", context));
    }
}
