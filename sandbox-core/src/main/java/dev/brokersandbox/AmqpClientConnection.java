package dev.brokersandbox;

import java.util.Map;

/**
 * A client connection to the {@link AmqpBroker}, as {@code rabbitmqctl list_connections} shows it.
 *
 * @param id                 the broker's id for it, {@code <sandbox.N>} (where RabbitMQ shows a pid)
 * @param name               RabbitMQ's name for it: {@code "127.0.0.1:54321 -> 127.0.0.1:5672"}
 * @param clientProvidedName the name the client gave it ({@code ConnectionFactory.newConnection(name)}), or null
 * @param peerPort           the client's port: {@code connection.getLocalPort()} on the client's side
 * @param user               the user it logged in as, or null while it opens
 * @param virtualHost        its virtual host, or null while it opens
 */
public record AmqpClientConnection(String id, String name, String clientProvidedName, int peerPort, String user,
                                   String virtualHost) {

    static AmqpClientConnection of(Map<String, Object> info) {
        return new AmqpClientConnection((String) info.get("id"), (String) info.get("name"),
                (String) info.get("client_provided_name"), (Integer) info.get("peer_port"), (String) info.get("user"),
                (String) info.get("vhost"));
    }
}
