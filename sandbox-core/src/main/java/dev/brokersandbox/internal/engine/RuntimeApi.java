package dev.brokersandbox.internal.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * The runtime's entry point ({@code dev.brokersandbox.runtime.BrokerRuntime}) as seen from this
 * side of the classloader boundary: same method names, same JDK parameter types. {@link Bridge}
 * checks that every method here has its counterpart there when the runtime loads.
 */
interface RuntimeApi {

    KafkaEngine startKafka(Path baseDir, int brokerCount, int firstBrokerPort, String host, String advertisedHost,
                           boolean tls, String saslMechanism, Map<String, String> users);

    AmqpEngine startAmqp(Path workDir, String host, String advertisedHost, int port, String username, String password,
                         Path storeDir, boolean tls);

    /** {@code kafka} and {@code qpid}: the versions of the brokers inside. */
    Map<String, String> versions();
}
