package dev.brokersandbox.runtime.rabbit;

import org.apache.qpid.server.message.InstanceProperties;
import org.apache.qpid.server.message.MessageDestination;
import org.apache.qpid.server.message.RoutingResult;
import org.apache.qpid.server.message.ServerMessage;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.store.StorableMessageMetaData;

/**
 * An exchange's alternate exchange ({@code alternate-exchange}), looked up by name when a message
 * needs it, as RabbitMQ does. Qpid would hold a reference to the exchange itself, and then fails on a
 * connection's I/O thread when it auto-deletes that exchange; looked up by name, an alternate exchange
 * that is gone simply takes nothing.
 */
final class AlternateDestination extends SandboxDestination {

    static final String PREFIX = "brokersandbox.alternate/";

    private final String exchange;

    private AlternateDestination(VirtualHost<?> host, String exchange) {
        super(host);
        this.exchange = exchange;
    }

    static String name(String exchange) {
        return PREFIX + encode(exchange);
    }

    /** The destination a {@link #name} stands for, or null if it is not one of these names. */
    static AlternateDestination fromName(VirtualHost<?> host, String name) {
        return name != null && name.startsWith(PREFIX)
                ? new AlternateDestination(host, decode(name.substring(PREFIX.length())))
                : null;
    }

    @Override
    public String getName() {
        return name(exchange);
    }

    @Override
    public <M extends ServerMessage<? extends StorableMessageMetaData>> RoutingResult<M> route(
            M message, String routingAddress, InstanceProperties instanceProperties) {
        MessageDestination target = exchange(host, exchange);
        return target == null ? new RoutingResult<>(message) : target.route(message, routingAddress, instanceProperties);
    }
}
