package dev.brokersandbox.runtime.rabbit;

import org.apache.qpid.server.message.InstanceProperties;
import org.apache.qpid.server.message.MessageDestination;
import org.apache.qpid.server.message.RoutingResult;
import org.apache.qpid.server.message.ServerMessage;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.store.StorableMessageMetaData;

/**
 * Stands in for the exchange of one publish with {@code expiration "0"}: routes as the exchange
 * does, and tells {@link ZeroTtl} which queues the message reached.
 */
final class ZeroTtlDestination extends SandboxDestination {

    private final MessageDestination exchange;

    ZeroTtlDestination(VirtualHost<?> host, MessageDestination exchange) {
        super(host);
        this.exchange = exchange;
    }

    @Override
    public String getName() {
        return exchange.getName();
    }

    @Override
    public boolean isDurable() {
        return exchange.isDurable();
    }

    @Override
    public <M extends ServerMessage<? extends StorableMessageMetaData>> RoutingResult<M> route(
            M message, String routingAddress, InstanceProperties instanceProperties) {
        RoutingResult<M> result = exchange.route(message, routingAddress, instanceProperties);
        ZeroTtl.reached(result.getRoutes().stream().filter(Queue.class::isInstance).map(q -> (Queue<?>) q).toList());
        return result;
    }
}
