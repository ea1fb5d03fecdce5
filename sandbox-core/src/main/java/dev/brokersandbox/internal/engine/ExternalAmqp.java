package dev.brokersandbox.internal.engine;

import static dev.brokersandbox.internal.engine.ManagementClient.path;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.brokersandbox.ExternalBrokers;
import dev.brokersandbox.NotOnExternalBrokersException;

/**
 * An AMQP broker the sandbox did not start (a RabbitMQ, or a launcher's broker), administered
 * through its RabbitMQ management HTTP API: virtual hosts, users, permissions, policies, and what
 * a virtual host holds. What needs the node itself (stop_app, alarms) is refused.
 */
final class ExternalAmqp implements AmqpEngine {

    private static final Map<String, String> ALL = Map.of("configure", ".*", "write", ".*", "read", ".*");

    private final ExternalBrokers external;
    private final ManagementClient api;
    /** The user the sandbox's clients log in as: the AMQP URI's. */
    private final String user;

    ExternalAmqp(ExternalBrokers external) {
        this.external = external;
        this.api = new ManagementClient(external.managementUrl(), external.managementUsername(),
                external.managementPassword());
        this.user = external.amqpUsername();
        api.expect("GET", "/api/overview", null); // fails here, naming the URL, when it does not answer
    }

    @Override
    public URI uri() {
        return external.amqpUri();
    }

    @Override
    public String managementUrl() {
        return external.managementUrl();
    }

    @Override
    public int port() {
        int port = uri().getPort();
        return port > 0 ? port : "amqps".equals(uri().getScheme()) ? 5671 : 5672;
    }

    @Override
    public String tlsCaCertificate() {
        return null;
    }

    @Override
    public void createVirtualHost(String name) {
        api.expect("PUT", path("vhosts", name), Map.of());
        // The creator has every permission on it (RabbitMQ gives them); the clients' user may be another.
        api.expect("PUT", path("permissions", name, user), ALL);
    }

    @Override
    public List<String> virtualHosts() {
        return api.expect("GET", "/api/vhosts", null).list().stream().map(v -> (String) v.get("name")).toList();
    }

    @Override
    public boolean authenticate(String user, String password) {
        return false; // the sandbox serves no management API for a broker that has its own
    }

    @Override
    public boolean hasPermissions(String virtualHost, String user) {
        return api.get(path("permissions", virtualHost, user)).status() == 200;
    }

    @Override
    public boolean deleteVirtualHost(String name) {
        return api.expect("DELETE", path("vhosts", name), null, 404).status() != 404;
    }

    @Override
    public boolean hasVirtualHost(String name) {
        return api.get(path("vhosts", name)).status() == 200;
    }

    @Override
    public Map<String, List<Map<String, Object>>> overview(String virtualHost) {
        if (!hasVirtualHost(virtualHost)) {
            return null;
        }
        List<Map<String, Object>> queues = new ArrayList<>();
        for (Map<String, Object> q : api.expect("GET", path("queues", virtualHost), null).list()) {
            long messages = number(q.get("messages"));
            long unacknowledged = number(q.get("messages_unacknowledged"));
            Map<String, Object> queue = new LinkedHashMap<>();
            queue.put("name", q.get("name"));
            queue.put("durable", q.get("durable"));
            queue.put("auto_delete", q.get("auto_delete"));
            queue.put("exclusive", q.get("exclusive"));
            queue.put("arguments", q.getOrDefault("arguments", Map.of()));
            queue.put("messages", messages);
            queue.put("messages_unacknowledged", unacknowledged);
            queue.put("consumers", number(q.get("consumers")));
            queues.add(queue);
        }
        List<Map<String, Object>> exchanges = new ArrayList<>();
        for (Map<String, Object> e : api.expect("GET", path("exchanges", virtualHost), null).list()) {
            if (!"".equals(e.get("name"))) { // the default exchange, which the embedded broker does not list either
                exchanges.add(Map.of("name", e.get("name"), "type", e.get("type"), "durable", e.get("durable"),
                        "auto_delete", e.get("auto_delete"), "arguments", e.getOrDefault("arguments", Map.of())));
            }
        }
        List<Map<String, Object>> bindings = new ArrayList<>();
        for (Map<String, Object> b : api.expect("GET", path("bindings", virtualHost), null).list()) {
            if (!"".equals(b.get("source"))) {
                bindings.add(Map.of("exchange", b.get("source"), "queue", b.get("destination"),
                        "routingKey", b.get("routing_key"), "arguments", b.getOrDefault("arguments", Map.of())));
            }
        }
        return Map.of("queues", queues, "exchanges", exchanges, "bindings", bindings);
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0; // RabbitMQ leaves counts out until its first statistics
    }

    @Override
    public List<Map<String, Object>> connections() {
        List<Map<String, Object>> connections = new ArrayList<>();
        for (Map<String, Object> c : api.expect("GET", "/api/connections", null).list()) {
            Map<String, Object> connection = new LinkedHashMap<>();
            connection.put("id", c.get("name"));
            connection.put("name", c.get("name"));
            connection.put("peer_port", c.get("peer_port"));
            connection.put("user", c.get("user"));
            connection.put("vhost", c.get("vhost"));
            if (c.get("client_properties") instanceof Map<?, ?> properties && properties.get("connection_name") != null) {
                connection.put("client_provided_name", properties.get("connection_name"));
            }
            connections.add(connection);
        }
        return connections;
    }

    @Override
    public boolean closeConnection(String which, String reason) {
        for (Map<String, Object> c : connections()) {
            if (which.equals(c.get("name")) || which.equals(c.get("client_provided_name"))
                    || which.equals(String.valueOf(c.get("peer_port")))) {
                return api.expect("DELETE", path("connections", (String) c.get("name")), null, 404).status() != 404;
            }
        }
        return false;
    }

    @Override
    public int closeAllConnections(String reason) {
        int closed = 0;
        for (Map<String, Object> c : connections()) {
            if (api.expect("DELETE", path("connections", (String) c.get("name")), null, 404).status() != 404) {
                closed++;
            }
        }
        return closed;
    }

    @Override
    public void raiseAlarm(String resource) {
        throw new NotOnExternalBrokersException("Raising a " + resource + " alarm (AmqpBroker.raiseAlarm)", external.toString());
    }

    @Override
    public void clearAlarm(String resource) {
        throw new NotOnExternalBrokersException("Clearing a " + resource + " alarm (AmqpBroker.clearAlarm)", external.toString());
    }

    @Override
    public boolean addUser(String name, String password) {
        if (api.get(path("users", name)).status() == 200) {
            return false; // RabbitMQ's API cannot tell whether it has this password; it is kept as it is
        }
        api.expect("PUT", path("users", name), Map.of("password", password, "tags", ""));
        return true;
    }

    @Override
    public boolean deleteUser(String name) {
        return api.expect("DELETE", path("users", name), null, 404).status() != 404;
    }

    @Override
    public void setPermissions(String virtualHost, String name, String configure, String write, String read) {
        api.expect("PUT", path("permissions", virtualHost, name), Map.of("configure", configure, "write", write,
                "read", read));
    }

    @Override
    public boolean clearPermissions(String virtualHost, String name) {
        return api.expect("DELETE", path("permissions", virtualHost, name), null, 404).status() != 404;
    }

    @Override
    public void setUserTags(String name, List<String> tags) {
        Map<String, Object> existing = api.expect("GET", path("users", name), null).object();
        // RabbitMQ replaces the whole user: its password hash goes back with the new tags.
        api.expect("PUT", path("users", name), Map.of("password_hash", existing.get("password_hash"),
                "hashing_algorithm", existing.get("hashing_algorithm"), "tags", String.join(",", tags)));
    }

    @Override
    public List<String> userTags(String name) {
        Object tags = api.expect("GET", path("users", name), null).object().get("tags");
        if (tags instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        String text = String.valueOf(tags);
        return text.isBlank() ? List.of() : List.of(text.split(","));
    }

    @Override
    public void setPolicy(String virtualHost, String name, String pattern, Map<String, Object> definition, int priority,
                          String applyTo) {
        api.expect("PUT", path("policies", virtualHost, name), Map.of("pattern", pattern, "definition", definition,
                "priority", priority, "apply-to", applyTo));
    }

    @Override
    public boolean clearPolicy(String virtualHost, String name) {
        return api.expect("DELETE", path("policies", virtualHost, name), null, 404).status() != 404;
    }

    @Override
    public List<Map<String, Object>> policies(String virtualHost) {
        return api.expect("GET", path("policies", virtualHost), null).list();
    }

    @Override
    public void stopApp() {
        throw new NotOnExternalBrokersException("Stopping the AMQP broker (AmqpBroker.stop())", external.toString());
    }

    @Override
    public void startApp() {
        throw new NotOnExternalBrokersException("Starting the AMQP broker (AmqpBroker.start())", external.toString());
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
