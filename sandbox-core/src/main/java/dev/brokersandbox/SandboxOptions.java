package dev.brokersandbox;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import dev.brokersandbox.internal.Ports;

/**
 * How a sandbox's brokers run: ports, the address they listen on, where they keep their data,
 * how many Kafka brokers, how long a start may take. A value: two sandboxes started from equal
 * options are interchangeable, which is what shared brokers are keyed on. {@link #defaults()}
 * are what a test wants; {@link Sandbox.Builder} sets the same fields one by one.
 *
 * <pre>{@code
 * Sandbox.builder().options(SandboxOptions.defaults().withKafkaBrokers(3)).kafka().start();
 * }</pre>
 *
 * @param kafkaPort      Kafka's client port (the first broker's, in a cluster); 0 for a free one
 * @param amqpPort       the AMQP port; 0 for a free one
 * @param kafkaBrokers   how many Kafka brokers, at least 1; see {@link Sandbox.Builder#kafkaBrokers(int)}
 * @param bindAddress    the address both brokers listen on; {@code 127.0.0.1} unless exposed on purpose
 * @param dataDirectory  where the brokers keep their data across sandboxes, or null for temp
 *                       directories deleted on close; see {@link Sandbox.Builder#dataDirectory(Path)}
 * @param startupTimeout how long each broker may take to start
 */
public record SandboxOptions(int kafkaPort, int amqpPort, int kafkaBrokers, String bindAddress, Path dataDirectory,
                             Duration startupTimeout) {

    /** Free ports on 127.0.0.1, one Kafka broker, temp directories, 60 s to start. */
    public static SandboxOptions defaults() {
        return new SandboxOptions(0, 0, 1, Ports.LOOPBACK, null, Duration.ofSeconds(60));
    }

    /**
     * @throws IllegalArgumentException naming the option, when a port is out of range, there are
     *     fewer than 1 Kafka broker or the bind address cannot be resolved
     */
    public SandboxOptions {
        checkPort(kafkaPort, "kafkaPort");
        checkPort(amqpPort, "amqpPort");
        if (kafkaBrokers < 1) {
            throw new IllegalArgumentException("kafkaBrokers(" + kafkaBrokers + "): a Kafka needs at least 1 broker"
                    + "; give 1 (the default) for one combined broker and controller, or more for a cluster");
        }
        Objects.requireNonNull(bindAddress, "bindAddress(null): give an address such as 127.0.0.1 (the default)");
        try {
            Ports.advertisedHost(bindAddress); // fails now, naming the address, if it cannot be resolved
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("bindAddress(" + bindAddress + "): not an address of this machine that "
                    + "can be resolved; give an IP address such as 127.0.0.1 (the default)", e);
        }
        Objects.requireNonNull(startupTimeout,
                "startupTimeout(null): give a Duration, e.g. Duration.ofSeconds(60) (the default)");
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new IllegalArgumentException("startupTimeout(" + startupTimeout + "): must be positive; give the "
                    + "brokers time to start, e.g. Duration.ofSeconds(60) (the default)");
        }
    }

    public SandboxOptions withKafkaPort(int port) {
        return new SandboxOptions(port, amqpPort, kafkaBrokers, bindAddress, dataDirectory, startupTimeout);
    }

    public SandboxOptions withAmqpPort(int port) {
        return new SandboxOptions(kafkaPort, port, kafkaBrokers, bindAddress, dataDirectory, startupTimeout);
    }

    public SandboxOptions withKafkaBrokers(int brokers) {
        return new SandboxOptions(kafkaPort, amqpPort, brokers, bindAddress, dataDirectory, startupTimeout);
    }

    public SandboxOptions withBindAddress(String address) {
        return new SandboxOptions(kafkaPort, amqpPort, kafkaBrokers, address, dataDirectory, startupTimeout);
    }

    /** @param directory a directory, or null for temp directories */
    public SandboxOptions withDataDirectory(Path directory) {
        return new SandboxOptions(kafkaPort, amqpPort, kafkaBrokers, bindAddress, directory, startupTimeout);
    }

    public SandboxOptions withStartupTimeout(Duration timeout) {
        return new SandboxOptions(kafkaPort, amqpPort, kafkaBrokers, bindAddress, dataDirectory, timeout);
    }

    private static void checkPort(int port, String option) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + "(" + port + "): a port is 1 to 65535, or 0 for a free one");
        }
    }
}
