package dev.brokersandbox.junit;

import java.util.function.Supplier;

import dev.brokersandbox.AmqpBroker;

/**
 * Where the test class's brokers are, for clients the extension does not inject (other
 * serializers, another language's client, a framework's configuration). Inject it as a parameter:
 *
 * <pre>{@code
 * @Test void custom(SandboxInfo info) {
 *     var props = Map.of("bootstrap.servers", info.kafkaBootstrapServers(), ...);
 * }
 * }</pre>
 *
 * The AMQP values point at the class's own virtual host, not at {@code /}. A broker that no
 * class has needed yet is started by the first call that asks for its address.
 */
public final class SandboxInfo {

    private final Supplier<String> kafkaBootstrapServers;
    private final Supplier<AmqpBroker> amqp;
    private final Supplier<String> amqpVirtualHost;

    SandboxInfo(Supplier<String> kafkaBootstrapServers, Supplier<AmqpBroker> amqp, Supplier<String> amqpVirtualHost) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.amqp = amqp;
        this.amqpVirtualHost = amqpVirtualHost;
    }

    /** {@code 127.0.0.1:<port>} (one per broker, comma-separated), the value for Kafka's {@code bootstrap.servers}. */
    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers.get();
    }

    /** {@code 127.0.0.1}. */
    public String amqpHost() {
        return amqp.get().host();
    }

    /** The AMQP port, chosen by the operating system. */
    public int amqpPort() {
        return amqp.get().port();
    }

    /** The test class's own virtual host. */
    public String amqpVirtualHost() {
        return amqpVirtualHost.get();
    }

    /** {@code guest}. */
    public String amqpUsername() {
        return amqp.get().username();
    }

    /** {@code guest}. */
    public String amqpPassword() {
        return amqp.get().password();
    }

    /** {@code amqp://guest:guest@127.0.0.1:<port>/<virtual host>}, percent-encoded. */
    public String amqpUri() {
        return amqp.get().uri(amqpVirtualHost());
    }

    @Override
    public String toString() {
        return "SandboxInfo[vhost=" + amqpVirtualHost() + "]";
    }
}
