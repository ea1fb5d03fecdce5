package dev.brokersandbox.internal.management;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.brokersandbox.internal.Json;
import dev.brokersandbox.internal.engine.AmqpEngine;

/**
 * What the broker holds, in the JSON shapes of RabbitMQ 3.10's management API: the fields test code
 * and tools read (RabbitMQ's statistics, garbage collection and rates are left out).
 */
final class Shapes {

    /** The node name the API reports, as RabbitMQ's {@code rabbit@host}. */
    static final String NODE = "broker-sandbox@localhost";

    private final AmqpEngine engine;
    private final String host;
    private final int port;

    Shapes(AmqpEngine engine, String host, int port) {
        this.engine = engine;
        this.host = host;
        this.port = port;
    }

    Map<String, Object> overview(String version) {
        long queues = 0;
        long consumers = 0;
        long exchanges = 0;
        long messages = 0;
        long unacknowledged = 0;
        for (String vhost : engine.virtualHosts()) {
            Map<String, List<Map<String, Object>>> overview = engine.overview(vhost);
            if (overview == null) {
                continue; // deleted meanwhile
            }
            for (Map<String, Object> q : overview.get("queues")) {
                queues++;
                consumers += number(q.get("consumers"));
                messages += number(q.get("messages"));
                unacknowledged += number(q.get("messages_unacknowledged"));
            }
            exchanges += exchanges(vhost, overview).size();
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("management_version", version);
        o.put("rates_mode", "none");
        o.put("product_version", version);
        o.put("product_name", "RabbitMQ");
        o.put("rabbitmq_version", version);
        o.put("cluster_name", NODE);
        o.put("node", NODE);
        o.put("object_totals", Map.of("connections", connections().size(), "consumers", consumers,
                "exchanges", exchanges, "queues", queues));
        o.put("queue_totals", Map.of("messages", messages, "messages_ready", messages - unacknowledged,
                "messages_unacknowledged", unacknowledged));
        o.put("listeners", List.of(Map.of("node", NODE, "protocol", "amqp", "ip_address", host, "port", port)));
        return o;
    }

    Map<String, Object> vhost(String name) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("description", "");
        v.put("tags", List.of());
        v.put("default_queue_type", "undefined");
        v.put("metadata", Map.of("description", "", "tags", List.of()));
        v.put("tracing", false);
        v.put("cluster_state", Map.of(NODE, "running"));
        Map<String, List<Map<String, Object>>> overview = engine.overview(name);
        if (overview != null) {
            long messages = overview.get("queues").stream().mapToLong(q -> number(q.get("messages"))).sum();
            long unacknowledged = overview.get("queues").stream()
                    .mapToLong(q -> number(q.get("messages_unacknowledged"))).sum();
            v.put("messages", messages);
            v.put("messages_ready", messages - unacknowledged);
            v.put("messages_unacknowledged", unacknowledged);
        }
        return v;
    }

    List<Map<String, Object>> queues(List<String> vhosts) {
        List<Map<String, Object>> queues = new ArrayList<>();
        for (String vhost : vhosts) {
            Map<String, List<Map<String, Object>>> overview = engine.overview(vhost);
            if (overview != null) {
                overview.get("queues").stream().map(q -> queue(vhost, q)).forEach(queues::add);
            }
        }
        queues.sort((a, b) -> ((String) a.get("name")).compareTo((String) b.get("name")));
        return queues;
    }

    /** The queue, or 404. */
    Map<String, Object> queue(String vhost, String name) {
        Map<String, Object> q = findQueue(vhost, name);
        if (q == null) {
            throw ApiError.notFound();
        }
        return q;
    }

    /** The queue, or null. */
    Map<String, Object> findQueue(String vhost, String name) {
        Map<String, List<Map<String, Object>>> overview = engine.overview(vhost);
        if (overview == null) {
            return null;
        }
        return overview.get("queues").stream().filter(q -> name.equals(q.get("name"))).findFirst()
                .map(q -> queue(vhost, q)).orElse(null);
    }

    private static Map<String, Object> queue(String vhost, Map<String, Object> engineQueue) {
        @SuppressWarnings("unchecked")
        Map<String, Object> arguments = (Map<String, Object>) engineQueue.get("arguments");
        long messages = number(engineQueue.get("messages"));
        long unacknowledged = number(engineQueue.get("messages_unacknowledged"));
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("name", engineQueue.get("name"));
        q.put("vhost", vhost);
        q.put("durable", engineQueue.get("durable"));
        q.put("auto_delete", engineQueue.get("auto_delete"));
        q.put("exclusive", engineQueue.get("exclusive"));
        q.put("arguments", Values.toJson(arguments));
        q.put("node", NODE);
        q.put("state", "running");
        q.put("type", String.valueOf(arguments.getOrDefault("x-queue-type", "classic")));
        q.put("messages", messages);
        q.put("messages_ready", messages - unacknowledged);
        q.put("messages_unacknowledged", unacknowledged);
        q.put("consumers", engineQueue.get("consumers"));
        return q;
    }

    List<Map<String, Object>> exchanges(List<String> vhosts) {
        List<Map<String, Object>> exchanges = new ArrayList<>();
        for (String vhost : vhosts) {
            Map<String, List<Map<String, Object>>> overview = engine.overview(vhost);
            if (overview != null) {
                exchanges.addAll(exchanges(vhost, overview));
            }
        }
        return exchanges;
    }

    /** The exchange ({@code ""} for the default one), or 404. */
    Map<String, Object> exchange(String vhost, String name) {
        Map<String, Object> e = findExchange(vhost, name);
        if (e == null) {
            throw ApiError.notFound();
        }
        return e;
    }

    Map<String, Object> findExchange(String vhost, String name) {
        Map<String, List<Map<String, Object>>> overview = engine.overview(vhost);
        return overview == null ? null
                : exchanges(vhost, overview).stream().filter(e -> name.equals(e.get("name"))).findFirst().orElse(null);
    }

    /** By name, the default exchange {@code ""} first, as RabbitMQ lists them; Qpid's default destination is no exchange. */
    private static List<Map<String, Object>> exchanges(String vhost, Map<String, List<Map<String, Object>>> overview) {
        List<Map<String, Object>> exchanges = new ArrayList<>();
        exchanges.add(exchange(vhost, "", "direct", true, false, Map.of()));
        for (Map<String, Object> e : overview.get("exchanges")) {
            String name = (String) e.get("name");
            if (!name.isEmpty() && !name.startsWith("qpid.")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> arguments = (Map<String, Object>) e.get("arguments");
                exchanges.add(exchange(vhost, name, (String) e.get("type"), (Boolean) e.get("durable"),
                        (Boolean) e.get("auto_delete"), arguments));
            }
        }
        exchanges.sort((a, b) -> ((String) a.get("name")).compareTo((String) b.get("name")));
        return exchanges;
    }

    private static Map<String, Object> exchange(String vhost, String name, String type, boolean durable,
                                                boolean autoDelete, Map<String, Object> arguments) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("vhost", vhost);
        e.put("type", type);
        e.put("durable", durable);
        e.put("auto_delete", autoDelete);
        e.put("internal", false);
        e.put("arguments", Values.toJson(arguments));
        return e;
    }

    /** Each queue's binding to the default exchange first, then the others by exchange, as RabbitMQ lists them. */
    List<Map<String, Object>> bindings(List<String> vhosts) {
        List<Map<String, Object>> bindings = new ArrayList<>();
        for (String vhost : vhosts) {
            Map<String, List<Map<String, Object>>> overview = engine.overview(vhost);
            if (overview == null) {
                continue;
            }
            List<Map<String, Object>> queues = new ArrayList<>(overview.get("queues"));
            queues.sort((a, b) -> ((String) a.get("name")).compareTo((String) b.get("name")));
            for (Map<String, Object> q : queues) {
                String name = (String) q.get("name");
                bindings.add(binding(vhost, "", name, "queue", name, Map.of()));
            }
            List<Map<String, Object>> others = new ArrayList<>();
            for (Map<String, Object> b : overview.get("bindings")) {
                String exchange = (String) b.get("exchange");
                if (exchange.isEmpty()) {
                    continue; // listed above
                }
                String destination = (String) b.get("queue");
                boolean toQueue = overview.get("queues").stream().anyMatch(q -> destination.equals(q.get("name")));
                @SuppressWarnings("unchecked")
                Map<String, Object> arguments = (Map<String, Object>) b.get("arguments");
                others.add(binding(vhost, exchange, destination, toQueue ? "queue" : "exchange",
                        (String) b.get("routingKey"), arguments));
            }
            others.sort((a, b) -> ((String) a.get("source") + "\u0000" + a.get("destination"))
                    .compareTo((String) b.get("source") + "\u0000" + b.get("destination")));
            bindings.addAll(others);
        }
        return bindings;
    }

    List<Map<String, Object>> queueBindings(String vhost, String queue) {
        queue(vhost, queue); // 404 when there is none
        return bindings(List.of(vhost)).stream()
                .filter(b -> queue.equals(b.get("destination")) && "queue".equals(b.get("destination_type"))).toList();
    }

    List<Map<String, Object>> bindingsBetween(String vhost, String exchange, String queue) {
        queue(vhost, queue);
        exchange(vhost, exchange);
        return bindings(List.of(vhost)).stream()
                .filter(b -> exchange.equals(b.get("source")) && queue.equals(b.get("destination"))).toList();
    }

    /** The binding {@code propertiesKey} names, or 404. */
    Map<String, Object> binding(String vhost, String exchange, String queue, String propertiesKey) {
        return bindingsBetween(vhost, exchange, queue).stream()
                .filter(b -> propertiesKey.equals(b.get("properties_key"))).findFirst()
                .orElseThrow(ApiError::notFound);
    }

    private static Map<String, Object> binding(String vhost, String source, String destination, String type,
                                               String routingKey, Map<String, Object> arguments) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("source", source);
        b.put("vhost", vhost);
        b.put("destination", destination);
        b.put("destination_type", type);
        b.put("routing_key", routingKey);
        b.put("arguments", Values.toJson(arguments));
        b.put("properties_key", propertiesKey(routingKey, arguments));
        return b;
    }

    /**
     * What names a binding in a path, as RabbitMQ builds it: the routing key ({@code ~} for an empty
     * one) and, with arguments, {@code ~} and a hash of them (RabbitMQ's hash differs, so a client
     * reads the key from a listing rather than computing it).
     */
    static String propertiesKey(String routingKey, Map<String, Object> arguments) {
        if (arguments == null || arguments.isEmpty()) {
            return routingKey.isEmpty() ? "~" : routingKey;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(Json.write(new java.util.TreeMap<>(Values.toJson(arguments))).getBytes(StandardCharsets.UTF_8));
            return routingKey + "~" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** The client connections, without the API's own (it opens one per change, as RabbitMQ's opens a direct one). */
    List<Map<String, Object>> connections() {
        List<Map<String, Object>> connections = new ArrayList<>();
        for (Map<String, Object> c : engine.connections()) {
            if (AmqpOperations.CONNECTION_NAME.equals(c.get("client_provided_name"))) {
                continue;
            }
            Map<String, Object> shaped = new LinkedHashMap<>();
            shaped.put("name", c.get("name"));
            shaped.put("node", NODE);
            shaped.put("type", "network");
            shaped.put("state", "running");
            shaped.put("protocol", "AMQP 0-9-1");
            shaped.put("user", c.get("user"));
            shaped.put("vhost", c.get("vhost"));
            shaped.put("peer_host", peerHost(String.valueOf(c.get("name"))));
            shaped.put("peer_port", c.get("peer_port"));
            shaped.put("host", host);
            shaped.put("port", port);
            Map<String, Object> clientProperties = new LinkedHashMap<>();
            if (c.get("client_provided_name") != null) {
                clientProperties.put("connection_name", c.get("client_provided_name"));
                shaped.put("user_provided_name", c.get("client_provided_name"));
            }
            shaped.put("client_properties", clientProperties);
            connections.add(shaped);
        }
        return connections;
    }

    /** The connection named {@code name} ({@code "127.0.0.1:51234 -> 127.0.0.1:5672"}), or 404. */
    Map<String, Object> connection(String name) {
        return connections().stream().filter(c -> Objects.equals(name, c.get("name"))).findFirst()
                .orElseThrow(ApiError::notFound);
    }

    /** The client's address: the part of RabbitMQ's connection name before its port. */
    private static String peerHost(String name) {
        int colon = name.indexOf(" -> ") < 0 ? -1 : name.lastIndexOf(':', name.indexOf(" -> "));
        return colon < 0 ? "" : name.substring(0, colon);
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
