package dev.brokersandbox.junit;

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
 * The AMQP values point at the class's own virtual host, not at {@code /}.
 */
public final class SandboxInfo {

    private final String kafkaBootstrapServers;
    private final String amqpHost;
    private final int amqpPort;
    private final String amqpVirtualHost;
    private final String amqpUsername;
    private final String amqpPassword;
    private final String amqpUri;

    SandboxInfo(String kafkaBootstrapServers, String amqpHost, int amqpPort, String amqpVirtualHost,
                String amqpUsername, String amqpPassword, String amqpUri) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.amqpHost = amqpHost;
        this.amqpPort = amqpPort;
        this.amqpVirtualHost = amqpVirtualHost;
        this.amqpUsername = amqpUsername;
        this.amqpPassword = amqpPassword;
        this.amqpUri = amqpUri;
    }

    /** {@code 127.0.0.1:<port>}, the value for Kafka's {@code bootstrap.servers}. */
    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** {@code 127.0.0.1}. */
    public String amqpHost() {
        return amqpHost;
    }

    /** The AMQP port, chosen by the operating system. */
    public int amqpPort() {
        return amqpPort;
    }

    /** The test class's own virtual host. */
    public String amqpVirtualHost() {
        return amqpVirtualHost;
    }

    /** {@code guest}. */
    public String amqpUsername() {
        return amqpUsername;
    }

    /** {@code guest}. */
    public String amqpPassword() {
        return amqpPassword;
    }

    /** {@code amqp://guest:guest@127.0.0.1:<port>/<virtual host>}, percent-encoded. */
    public String amqpUri() {
        return amqpUri;
    }

    @Override
    public String toString() {
        return "SandboxInfo[kafka=" + kafkaBootstrapServers + ", amqp=" + amqpHost + ":" + amqpPort
                + ", vhost=" + amqpVirtualHost + "]";
    }
}
