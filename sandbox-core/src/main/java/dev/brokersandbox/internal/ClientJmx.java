package dev.brokersandbox.internal;

import java.util.Map;
import java.util.Set;

/**
 * Keeps the clients the sandbox creates from registering an MBean per metric: for a client
 * that lives for one test, that registration was a fifth to a third of creating and closing it
 * (measured). The metrics themselves stay readable through the client's {@code metrics()}.
 */
public final class ClientJmx {

    private static final String REPORTERS = "metric.reporters";
    /** kafka-clients 3.4 to 3.9 add the JMX reporter on their own unless this is false; 4.x has no such setting. */
    private static final String AUTO_INCLUDE = "auto.include.jmx.reporter";

    private ClientJmx() {
    }

    /**
     * Turns the JMX reporter off in {@code config}, a client's configuration before the caller's
     * overrides are applied (an override of either setting wins). {@code knownConfigs} is the
     * client's {@code configNames()}, which tells whether this kafka-clients knows {@value #AUTO_INCLUDE}.
     */
    public static Map<String, Object> off(Map<String, Object> config, Set<String> knownConfigs) {
        config.put(REPORTERS, "");
        if (knownConfigs.contains(AUTO_INCLUDE)) {
            config.put(AUTO_INCLUDE, false);
        }
        return config;
    }
}
