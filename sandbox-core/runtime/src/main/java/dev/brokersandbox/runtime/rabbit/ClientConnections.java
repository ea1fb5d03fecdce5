package dev.brokersandbox.runtime.rabbit;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Connection;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.transport.AMQPConnection;

/**
 * The client connections of a broker as {@code rabbitmqctl list_connections} and
 * {@code close_connection} see them: each has an id ({@code <sandbox.N>}, standing for RabbitMQ's
 * connection pid), RabbitMQ's name ({@code "127.0.0.1:54321 -> 127.0.0.1:5672"}), the client's
 * own name for it, and its peer port, by any of which it can be closed.
 */
public final class ClientConnections {

    private ClientConnections() {
    }

    /** One map per open connection: id, name, client_provided_name (or absent), peer_port, user, vhost. */
    public static List<Map<String, Object>> list(Broker<?> broker) {
        return open(broker).stream().map(ClientConnections::info).toList();
    }

    /**
     * Closes the connection {@code which} names (its id, its name, its client-provided name or its
     * peer port) as RabbitMQ's close_connection does: connection.close 320 CONNECTION_FORCED with
     * {@code reason}. Whether there was one.
     */
    public static boolean close(Broker<?> broker, String which, String reason) {
        boolean closed = false;
        for (RabbitConnection connection : open(broker)) {
            Map<String, Object> info = info(connection);
            if (Stream.of("id", "name", "client_provided_name", "peer_port")
                    .anyMatch(key -> which.equals(String.valueOf(info.get(key))))) {
                forceClose(connection, reason);
                closed = true;
            }
        }
        return closed;
    }

    /** Closes every client connection as {@link #close} does; how many there were. */
    public static int closeAll(Broker<?> broker, String reason) {
        List<RabbitConnection> connections = open(broker);
        connections.forEach(connection -> forceClose(connection, reason));
        return connections.size();
    }

    private static Map<String, Object> info(RabbitConnection connection) {
        Map<String, Object> info = new HashMap<>();
        info.put("id", "<sandbox." + connection.getConnectionId() + ">");
        info.put("name", address(connection.getNetwork().getRemoteAddress()) + " -> " + address(connection.getNetwork().getLocalAddress()));
        info.put("peer_port", connection.getNetwork().getRemoteAddress() instanceof InetSocketAddress remote ? remote.getPort() : -1);
        if (connection.clientProvidedName() != null) {
            info.put("client_provided_name", connection.clientProvidedName());
        }
        if (connection.getAuthorizedPrincipal() != null) {
            info.put("user", connection.getAuthorizedPrincipal().getName());
        }
        if (connection.getAddressSpace() != null) {
            info.put("vhost", ResourceNames.vhost(connection.getAddressSpace()));
        }
        return info;
    }

    private static void forceClose(RabbitConnection connection, String reason) {
        connection.sendConnectionCloseAsync(AMQPConnection.CloseReason.MANAGEMENT, "CONNECTION_FORCED - " + reason);
    }

    /** The connections of {@code broker} that are open and not closing. */
    static List<RabbitConnection> open(Broker<?> broker) {
        List<RabbitConnection> connections = new ArrayList<>();
        for (Port<?> port : broker.getPorts()) {
            for (Connection<?> connection : port.getChildren(Connection.class)) {
                if (connection instanceof RabbitConnection rabbit && !rabbit.isClosing()) {
                    connections.add(rabbit);
                }
            }
        }
        return connections;
    }

    /** RabbitMQ's form: {@code 127.0.0.1:5672}. */
    private static String address(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() + ":" + inet.getPort() : String.valueOf(address);
    }
}
