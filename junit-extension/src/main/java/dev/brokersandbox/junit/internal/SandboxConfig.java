package dev.brokersandbox.junit.internal;

import dev.brokersandbox.AmqpSetup;
import dev.brokersandbox.KafkaSetup;

/**
 * What one test class asked for, whichever way it asked ({@code @BrokerSandbox} or
 * {@code SandboxExtension.builder()}): both routes end here, in the core's own setup types.
 */
public record SandboxConfig(KafkaSetup kafka, AmqpSetup amqp, boolean perClass, int kafkaBrokers) {
}
