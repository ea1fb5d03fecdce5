package dev.brokersandbox.internal.engine;

import java.util.List;
import java.util.Map;

/**
 * A running AMQP 0-9-1 broker, whichever engine runs it. Only JDK types in and out: the embedded
 * engine's implementation lives in another classloader.
 */
public interface AmqpEngine extends AutoCloseable {

    /** The AMQP port, bound. */
    int port();

    void createVirtualHost(String name);

    /** Deletes {@code name} with everything in it; false if there was none. */
    boolean deleteVirtualHost(String name);

    boolean hasVirtualHost(String name);

    /**
     * What {@code virtualHost} holds, or null if there is no such virtual host: {@code queues}
     * (name, durable, messages, consumers), {@code exchanges} (name, type, durable) and
     * {@code bindings} (exchange, queue, routingKey).
     */
    Map<String, List<Map<String, Object>>> overview(String virtualHost);

    /** Stops the broker; idempotent. */
    @Override
    void close();
}
