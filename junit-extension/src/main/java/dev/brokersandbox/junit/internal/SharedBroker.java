package dev.brokersandbox.junit.internal;

import java.util.Locale;

import dev.brokersandbox.ExternalBrokers;
import dev.brokersandbox.Sandbox;
import dev.brokersandbox.SandboxOptions;

/**
 * One broker the test run shares, and the options it starts with: the key under which
 * {@link SharedBrokers} keeps it and {@link Prestart} starts it ahead, and the one place a shared
 * broker is built. Equal keys mean interchangeable brokers.
 */
record SharedBroker(Kind kind, SandboxOptions options) {

    enum Kind { KAFKA, AMQP }

    /** The shared Kafka for classes with these options (the number of brokers, TLS, SASL and its users). */
    static SharedBroker kafka(SandboxOptions options) {
        return new SharedBroker(Kind.KAFKA, options);
    }

    /** The shared AMQP broker; Kafka's options do not change it, so they are not part of its key. */
    static SharedBroker amqp(SandboxOptions options) {
        SandboxOptions defaults = SandboxOptions.defaults();
        return new SharedBroker(Kind.AMQP, options.withKafkaBrokers(defaults.kafkaBrokers()).withKafkaPort(defaults.kafkaPort())
                .withKafkaSasl(defaults.kafkaSasl(), defaults.kafkaUsers()));
    }

    /** {@code kafka} or {@code amqp}. */
    String kindName() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    Sandbox start() {
        return start(null);
    }

    /** On {@code external} brokers for the sides it names; null: all in this JVM. */
    Sandbox start(ExternalBrokers external) {
        Sandbox.Builder builder = Sandbox.builder().options(options).external(external);
        return (kind == Kind.KAFKA ? builder.kafka() : builder.amqp()).start();
    }

    @Override
    public String toString() {
        String tls = (options.tls() ? " with TLS" : "")
                + (kind == Kind.KAFKA && options.kafkaSasl() != null ? " with SASL " + options.kafkaSasl().mechanismName() : "");
        return kind == Kind.KAFKA ? "Kafka (" + options.kafkaBrokers() + " broker(s))" + tls : "AMQP broker" + tls;
    }
}
