package dev.brokersandbox.runtime.rabbit;

import org.apache.qpid.server.message.MessageDestination;
import org.apache.qpid.server.model.VirtualHost;

/**
 * A destination that stands in for the exchange of one publish (set as the message's destination
 * while Qpid takes it) and routes through that exchange: it bears the exchange's name and
 * durability, so that Qpid's returns and checks read the same as for the exchange itself.
 */
abstract class ExchangeStandIn extends SandboxDestination {

    protected final MessageDestination exchange;

    ExchangeStandIn(VirtualHost<?> host, MessageDestination exchange) {
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
}
