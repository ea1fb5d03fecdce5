package dev.brokersandbox.internal.engine;

import java.util.List;
import java.util.Map;

/**
 * A running AMQP 0-9-1 broker, whichever engine runs it. Only JDK types in and out: the embedded
 * engine's implementation lives in another classloader.
 */
public interface AmqpEngine extends AutoCloseable {

    /** The AMQP port, bound. */
    int port();

    /** The PEM certificate of the authority that signed the broker's TLS certificate; null without TLS. */
    String tlsCaCertificate();

    void createVirtualHost(String name);

    /** The names of the virtual hosts, {@code /} among them. */
    List<String> virtualHosts();

    /** Whether {@code user} logs in with {@code password}. */
    boolean authenticate(String user, String password);

    /** Whether {@code user} may open {@code virtualHost} (the broker's own user may open every one). */
    boolean hasPermissions(String virtualHost, String user);

    /** Deletes {@code name} with everything in it; false if there was none. */
    boolean deleteVirtualHost(String name);

    boolean hasVirtualHost(String name);

    /**
     * What {@code virtualHost} holds, or null if there is no such virtual host: {@code queues}
     * (name, durable, auto_delete, exclusive, arguments, messages, messages_unacknowledged,
     * consumers), {@code exchanges} (name, type, durable, auto_delete, arguments) and
     * {@code bindings} (exchange, queue, routingKey, arguments).
     */
    Map<String, List<Map<String, Object>>> overview(String virtualHost);

    /**
     * The open client connections, one map each: {@code id}, {@code name}, {@code peer_port},
     * {@code user}, {@code vhost} and, when the client named it, {@code client_provided_name}.
     */
    List<Map<String, Object>> connections();

    /** Closes the connection {@code which} names (id, name, client-provided name or peer port) with 320. */
    boolean closeConnection(String which, String reason);

    int closeAllConnections(String reason);

    /** Raises RabbitMQ's resource alarm for {@code resource}: memory or disk. */
    void raiseAlarm(String resource);

    void clearAlarm(String resource);

    /**
     * rabbitmqctl add_user: a user checked against its permissions. False if it exists with this
     * password; IllegalArgumentException if it exists with another, or is the broker's own user.
     */
    boolean addUser(String user, String password);

    /** rabbitmqctl delete_user; false if no such user was added. */
    boolean deleteUser(String user);

    /** rabbitmqctl set_permissions; IllegalArgumentException names what is wrong. */
    void setPermissions(String virtualHost, String user, String configure, String write, String read);

    boolean clearPermissions(String virtualHost, String user);

    /** rabbitmqctl set_user_tags; an IllegalArgumentException if there is no such user. */
    void setUserTags(String user, List<String> tags);

    /** The tags of {@code user}, as rabbitmqctl list_users shows them. */
    List<String> userTags(String user);

    /**
     * rabbitmqctl set_policy: {@code definition} holds JDK values only, {@code applyTo} is all, queues
     * or exchanges; an IllegalArgumentException names what is wrong with the policy.
     */
    void setPolicy(String virtualHost, String name, String pattern, Map<String, Object> definition, int priority,
                   String applyTo);

    /** rabbitmqctl clear_policy; false if there was no such policy. */
    boolean clearPolicy(String virtualHost, String name);

    /** The policies of {@code virtualHost}: name, pattern, apply-to, definition (a map) and priority of each. */
    List<Map<String, Object>> policies(String virtualHost);

    /** rabbitmqctl stop_app: connections closed, virtual hosts stopped; durable definitions kept. */
    void stopApp();

    /** rabbitmqctl start_app. */
    void startApp();

    /**
     * The URI clients connect with, when the engine decides the endpoint and the credentials (an
     * external broker); null when the broker runs with the user it was started with.
     */
    default java.net.URI uri() {
        return null;
    }

    /** The base URL of the broker's own management HTTP API (an external broker's); null to serve the sandbox's. */
    default String managementUrl() {
        return null;
    }

    /** Stops the broker; idempotent. */
    @Override
    void close();
}
