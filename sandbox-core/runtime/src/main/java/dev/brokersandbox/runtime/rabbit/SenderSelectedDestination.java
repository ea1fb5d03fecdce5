package dev.brokersandbox.runtime.rabbit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.qpid.server.message.InstanceProperties;
import org.apache.qpid.server.message.MessageDestination;
import org.apache.qpid.server.message.RoutingResult;
import org.apache.qpid.server.message.ServerMessage;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.store.StorableMessageMetaData;

/**
 * RabbitMQ's sender-selected distribution: a message whose {@code CC} or {@code BCC} header lists
 * routing keys is routed by its exchange with its own routing key and with each of those, and
 * reaches each queue once. Stands in for the exchange of one publish.
 */
final class SenderSelectedDestination extends ExchangeStandIn {
    private final List<String> routingKeys;

    SenderSelectedDestination(VirtualHost<?> host, MessageDestination exchange, List<String> routingKeys) {
        super(host, exchange);
        this.routingKeys = List.copyOf(routingKeys);
    }

    /**
     * The routing keys of a {@code CC} or {@code BCC} header: its strings (RabbitMQ ignores other
     * entries); null if the header is there but not an array, which RabbitMQ refuses.
     */
    static List<String> routingKeys(Object header) {
        if (header == null) {
            return List.of();
        }
        if (!(header instanceof Collection<?> values)) {
            return null;
        }
        List<String> keys = new ArrayList<>();
        for (Object value : values) {
            if (value instanceof String key) {
                keys.add(key);
            }
        }
        return keys;
    }

    @Override
    public <M extends ServerMessage<? extends StorableMessageMetaData>> RoutingResult<M> route(
            M message, String routingAddress, InstanceProperties instanceProperties) {
        RoutingResult<M> result = exchange.route(message, routingAddress, instanceProperties);
        for (String key : routingKeys) {
            result.add(exchange.route(message, key, instanceProperties)); // a queue routed twice is kept once
        }
        return result;
    }
}
