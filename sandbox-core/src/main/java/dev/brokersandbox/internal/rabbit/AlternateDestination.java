package dev.brokersandbox.internal.rabbit;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.qpid.server.exchange.DestinationReferrer;
import org.apache.qpid.server.message.InstanceProperties;
import org.apache.qpid.server.message.MessageDestination;
import org.apache.qpid.server.message.MessageSender;
import org.apache.qpid.server.message.RoutingResult;
import org.apache.qpid.server.message.ServerMessage;
import org.apache.qpid.server.model.NamedAddressSpace;
import org.apache.qpid.server.model.PublishingLink;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.security.SecurityToken;
import org.apache.qpid.server.store.StorableMessageMetaData;

/**
 * An exchange's alternate exchange ({@code alternate-exchange}), looked up by name when a message
 * needs it, as RabbitMQ does. Qpid would hold a reference to the exchange itself, and then fails on a
 * connection's I/O thread when it auto-deletes that exchange; looked up by name, an alternate exchange
 * that is gone simply takes nothing.
 */
final class AlternateDestination implements MessageDestination {

    static final String PREFIX = "brokersandbox.alternate/";

    private final VirtualHost<?> host;
    private final String exchange;

    private AlternateDestination(VirtualHost<?> host, String exchange) {
        this.host = host;
        this.exchange = exchange;
    }

    static String name(String exchange) {
        return PREFIX + URLEncoder.encode(exchange, StandardCharsets.UTF_8);
    }

    /** The destination a {@link #name} stands for, or null if it is not one of these names. */
    static AlternateDestination fromName(VirtualHost<?> host, String name) {
        return name != null && name.startsWith(PREFIX)
                ? new AlternateDestination(host, URLDecoder.decode(name.substring(PREFIX.length()), StandardCharsets.UTF_8))
                : null;
    }

    @Override
    public String getName() {
        return name(exchange);
    }

    @Override
    public <M extends ServerMessage<? extends StorableMessageMetaData>> RoutingResult<M> route(
            M message, String routingAddress, InstanceProperties instanceProperties) {
        MessageDestination target = host.getAttainedMessageDestination(exchange, false);
        return target == null ? new RoutingResult<>(message) : target.route(message, routingAddress, instanceProperties);
    }

    @Override
    public NamedAddressSpace getAddressSpace() {
        return host;
    }

    @Override
    public void authorisePublish(SecurityToken token, Map<String, Object> arguments) {
        // only Qpid itself routes here
    }

    @Override
    public boolean isDurable() {
        return true; // a durable exchange may name it as its alternate binding
    }

    @Override
    public void linkAdded(MessageSender sender, PublishingLink link) {
    }

    @Override
    public void linkRemoved(MessageSender sender, PublishingLink link) {
    }

    @Override
    public MessageDestination getAlternateBindingDestination() {
        return null;
    }

    @Override
    public void addReference(DestinationReferrer destinationReferrer) {
    }

    @Override
    public void removeReference(DestinationReferrer destinationReferrer) {
    }
}
