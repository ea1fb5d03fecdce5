package dev.brokersandbox.junit.internal;

import dev.brokersandbox.AmqpSetup;
import dev.brokersandbox.KafkaSetup;
import dev.brokersandbox.SandboxOptions;

/**
 * What one test class asked for, whichever way it asked ({@code @BrokerSandbox} or
 * {@code SandboxExtension.builder()}): both routes end here, in the core's own setup types.
 *
 * @param options the options the class's brokers start with, shared or its own
 */
public record SandboxConfig(KafkaSetup kafka, AmqpSetup amqp, boolean perClass, SandboxOptions options) {
}
