package dev.brokersandbox.compat;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/** A broker a {@link Scenario} runs against, and what a scenario needs from it. */
public final class Broker {

    private final String name;
    private final ConnectionFactory factory;

    Broker(String name, ConnectionFactory factory) {
        this.name = name;
        this.factory = factory;
    }

    /** A new connection; the scenario closes it. */
    public Connection connect() throws IOException, TimeoutException {
        return factory.newConnection("compat-scenario");
    }

    /**
     * A name no other scenario uses, so that scenarios need no clean-up between them on a broker
     * that lives longer than one test run.
     */
    public String unique(String prefix) {
        return "compat." + prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public String toString() {
        return name;
    }
}
