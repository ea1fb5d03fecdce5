package dev.brokersandbox.junit;

import java.util.Map;
import java.util.function.Supplier;

import dev.brokersandbox.AmqpBroker;
import dev.brokersandbox.KafkaBroker;
import dev.brokersandbox.SandboxTrustStore;

/**
 * Where the test class's brokers are, for clients the extension does not inject (other
 * serializers, another language's client, a framework's configuration). Inject it as a parameter:
 *
 * <pre>{@code
 * @Test void custom(SandboxInfo info) {
 *     Map<String, Object> config = info.kafkaClientConfig();
 *     config.put("key.serializer", ...);
 * }
 * }</pre>
 *
 * The AMQP values point at the class's own virtual host, not at {@code /}. A broker that no
 * class has needed yet is started by the first call that asks for its address.
 */
public final class SandboxInfo {

    private final Supplier<KafkaBroker> kafka;
    private final Supplier<AmqpBroker> amqp;
    private final Supplier<String> amqpVirtualHost;
    private final Supplier<SandboxTrustStore> trustStore;

    SandboxInfo(Supplier<KafkaBroker> kafka, Supplier<AmqpBroker> amqp, Supplier<String> amqpVirtualHost,
                Supplier<SandboxTrustStore> trustStore) {
        this.kafka = kafka;
        this.amqp = amqp;
        this.amqpVirtualHost = amqpVirtualHost;
        this.trustStore = trustStore;
    }

    /**
     * The real name of the topic declared as {@code declared}: the same, unless the run uses an
     * external Kafka with a topic prefix ({@code brokersandbox.external.kafka.topic-prefix}), which
     * keeps two runs on one cluster apart. Tests meant to run there produce to and consume from this name.
     */
    public String kafkaTopic(String declared) {
        return kafka.get().topicName(declared);
    }

    /** {@code 127.0.0.1:<port>} (one per broker, comma-separated), the value for Kafka's {@code bootstrap.servers}. */
    public String kafkaBootstrapServers() {
        return kafka.get().bootstrapServers();
    }

    /**
     * What every Kafka client of the class needs, whatever its serializers: {@code bootstrap.servers},
     * with {@link BrokerSandbox#tls() TLS} the trust store, with {@link BrokerSandbox#kafkaSasl() SASL}
     * the login of the first declared user. A new mutable map; see {@link KafkaBroker#clientConfig()}.
     */
    public Map<String, Object> kafkaClientConfig() {
        return kafka.get().clientConfig();
    }

    /**
     * {@link #kafkaClientConfig()}, logged in as {@code user}, one of {@link BrokerSandbox#kafkaUsers()}.
     *
     * @throws IllegalStateException if the class's Kafka runs without SASL
     * @throws IllegalArgumentException if no such user was declared
     */
    public Map<String, Object> kafkaClientConfig(String user) {
        return kafka.get().clientConfig(user);
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

    /** {@code amqp://guest:guest@127.0.0.1:<port>/<virtual host>} ({@code amqps://} with TLS), percent-encoded. */
    public String amqpUri() {
        return amqp.get().uri(amqpVirtualHost());
    }

    /**
     * The trust store of a class with {@link BrokerSandbox#tls() TLS}: a PKCS#12 file with its
     * password, the CA certificate as PEM, or an {@code SSLContext}; it trusts both brokers.
     *
     * @throws IllegalStateException if the class runs without TLS
     */
    public SandboxTrustStore trustStore() {
        return trustStore.get();
    }

    @Override
    public String toString() {
        return "SandboxInfo[vhost=" + amqpVirtualHost() + "]";
    }
}
