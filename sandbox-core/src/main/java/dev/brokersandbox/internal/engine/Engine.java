package dev.brokersandbox.internal.engine;

import dev.brokersandbox.SandboxOptions;

/**
 * What runs the brokers behind {@code Sandbox}, {@code KafkaBroker} and {@code AmqpBroker}: the
 * seam between what tests see (endpoints, credentials, clients, admin operations) and how the
 * brokers are run: {@link EmbeddedEngine}, the brokers in this JVM in a classloader of their own, and
 * {@link ExternalEngine}, brokers that run elsewhere (external and reuse mode), administered through
 * Kafka's Admin client and RabbitMQ's management HTTP API.
 */
public interface Engine {

    /** Starts a Kafka as {@code options} say; returns once every broker is ready for clients. */
    KafkaEngine startKafka(SandboxOptions options);

    /** Starts an AMQP broker with one user, as {@code options} say; returns once it accepts connections. */
    AmqpEngine startAmqp(SandboxOptions options, String username, String password);
}
