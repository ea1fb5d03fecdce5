package dev.brokersandbox.runtime.rabbit;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.qpid.server.exchange.DestinationReferrer;
import org.apache.qpid.server.message.MessageDestination;
import org.apache.qpid.server.message.MessageSender;
import org.apache.qpid.server.model.NamedAddressSpace;
import org.apache.qpid.server.model.PublishingLink;
import org.apache.qpid.server.model.Exchange;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.security.SecurityToken;

/**
 * A destination of the sandbox's own that only Qpid routes to (as a queue's or an exchange's
 * alternate binding): what Qpid asks of every destination, answered once. Everything a destination
 * needs is encoded in its name, so that durable objects naming it find it again after a restart.
 */
abstract class SandboxDestination implements MessageDestination {

    protected final VirtualHost<?> host;

    SandboxDestination(VirtualHost<?> host) {
        this.host = host;
    }

    /**
     * The exchange named {@code name} in {@code host} ("": the default exchange), or null if there is
     * none: never a queue of that name, which Qpid would also take for a destination.
     */
    static MessageDestination exchange(VirtualHost<?> host, String name) {
        return name == null || name.isEmpty() ? host.getDefaultDestination() : host.getChildByName(Exchange.class, name);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
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
        return true; // a durable queue or exchange may name it as its alternate binding
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
