package dev.brokersandbox.runtime.rabbit;

import org.apache.qpid.server.message.InstanceProperties;
import org.apache.qpid.server.message.MessageDestination;
import org.apache.qpid.server.message.RoutingResult;
import org.apache.qpid.server.message.ServerMessage;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.store.StorableMessageMetaData;

/**
 * Stands in for the exchange of one publish whose message can expire (its own expiration, or a
 * queue with a TTL in its virtual host): routes as the exchange does, and tells {@link Arrivals}
 * which queues the message reached.
 */
final class ArrivalDestination extends ExchangeStandIn {

    ArrivalDestination(VirtualHost<?> host, MessageDestination exchange) {
        super(host, exchange);
    }

    @Override
    public <M extends ServerMessage<? extends StorableMessageMetaData>> RoutingResult<M> route(
            M message, String routingAddress, InstanceProperties instanceProperties) {
        RoutingResult<M> result = exchange.route(message, routingAddress, instanceProperties);
        Arrivals.reached(Arrivals.queuesOf(result));
        return result;
    }
}
