package dev.brokersandbox;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.brokersandbox.internal.Ports;

/**
 * How a sandbox's brokers run: ports, the address they listen on, where they keep their data,
 * how many Kafka brokers, how long a start may take, how clients must connect. A value: two
 * sandboxes started from equal options are interchangeable, which is what shared brokers are keyed
 * on. {@link #defaults()} are what a test wants; {@link Sandbox.Builder} sets the same fields one by one.
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
 * @param tls            whether clients connect with TLS only (AMQP as amqps, Kafka's SSL listener); see
 *                       {@link Sandbox.Builder#tls()}
 * @param kafkaSasl      how Kafka's clients authenticate, or null for not at all (the default); see
 *                       {@link Sandbox.Builder#kafkaSasl(KafkaSaslMechanism, KafkaUser, KafkaUser...)}
 * @param kafkaUsers     Kafka's users when {@code kafkaSasl} is set, the sandbox's own clients' first;
 *                       empty otherwise
 */
public record SandboxOptions(int kafkaPort, int amqpPort, int kafkaBrokers, String bindAddress, Path dataDirectory,
                             Duration startupTimeout, boolean tls, KafkaSaslMechanism kafkaSasl,
                             List<KafkaUser> kafkaUsers) {

    /** Free ports on 127.0.0.1, one Kafka broker, temp directories, 60 s to start, no TLS, no SASL. */
    public static SandboxOptions defaults() {
        return new SandboxOptions(0, 0, 1, Ports.LOOPBACK, null, Duration.ofSeconds(60), false, null, List.of());
    }

    /**
     * @throws IllegalArgumentException naming the option, when a port is out of range, there are
     *     fewer than 1 Kafka broker, the bind address cannot be resolved, or Kafka's users do not
     *     fit its SASL mechanism
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
        kafkaUsers = List.copyOf(kafkaUsers);
        checkKafkaUsers(kafkaSasl, kafkaUsers);
    }

    public SandboxOptions withKafkaPort(int port) {
        return new SandboxOptions(port, amqpPort, kafkaBrokers, bindAddress, dataDirectory, startupTimeout, tls,
                kafkaSasl, kafkaUsers);
    }

    public SandboxOptions withAmqpPort(int port) {
        return new SandboxOptions(kafkaPort, port, kafkaBrokers, bindAddress, dataDirectory, startupTimeout, tls,
                kafkaSasl, kafkaUsers);
    }

    public SandboxOptions withKafkaBrokers(int brokers) {
        return new SandboxOptions(kafkaPort, amqpPort, brokers, bindAddress, dataDirectory, startupTimeout, tls,
                kafkaSasl, kafkaUsers);
    }

    public SandboxOptions withBindAddress(String address) {
        return new SandboxOptions(kafkaPort, amqpPort, kafkaBrokers, address, dataDirectory, startupTimeout, tls,
                kafkaSasl, kafkaUsers);
    }

    /** @param directory a directory, or null for temp directories */
    public SandboxOptions withDataDirectory(Path directory) {
        return new SandboxOptions(kafkaPort, amqpPort, kafkaBrokers, bindAddress, directory, startupTimeout, tls,
                kafkaSasl, kafkaUsers);
    }

    public SandboxOptions withStartupTimeout(Duration timeout) {
        return new SandboxOptions(kafkaPort, amqpPort, kafkaBrokers, bindAddress, dataDirectory, timeout, tls,
                kafkaSasl, kafkaUsers);
    }

    /** With TLS, or without; see {@link Sandbox.Builder#tls()}. */
    public SandboxOptions withTls(boolean enabled) {
        return new SandboxOptions(kafkaPort, amqpPort, kafkaBrokers, bindAddress, dataDirectory, startupTimeout, enabled,
                kafkaSasl, kafkaUsers);
    }

    /**
     * With Kafka's clients authenticating by {@code mechanism} as one of {@code users} (the sandbox's
     * own clients as the first); {@code (null, List.of())} for no SASL.
     */
    public SandboxOptions withKafkaSasl(KafkaSaslMechanism mechanism, List<KafkaUser> users) {
        return new SandboxOptions(kafkaPort, amqpPort, kafkaBrokers, bindAddress, dataDirectory, startupTimeout, tls,
                mechanism, users);
    }

    private static void checkPort(int port, String option) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + "(" + port + "): a port is 1 to 65535, or 0 for a free one");
        }
    }

    private static void checkKafkaUsers(KafkaSaslMechanism mechanism, List<KafkaUser> users) {
        if (mechanism == null) {
            if (!users.isEmpty()) {
                throw new IllegalArgumentException("kafkaUsers " + users + ": Kafka users need a SASL mechanism; "
                        + "give one with kafkaSasl(mechanism, users)");
            }
            return;
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException("kafkaSasl(" + mechanism.mechanismName() + "): declare at least one "
                    + "Kafka user; the sandbox's own clients log in as the first");
        }
        Set<String> names = new HashSet<>();
        for (KafkaUser user : users) {
            if (!names.add(user.name())) {
                throw new IllegalArgumentException("Kafka user \"" + user.name() + "\" is declared twice; declare each user once");
            }
            // PLAIN's users live in the broker's JAAS options as user_<name>="<password>"; Kafka's JAAS
            // parser (a StreamTokenizer) reads only these characters as part of an option name.
            if (mechanism == KafkaSaslMechanism.PLAIN && !user.name().matches("[A-Za-z0-9._$-]+")) {
                throw new IllegalArgumentException("Kafka user \"" + user.name() + "\": with SASL PLAIN a user name may "
                        + "hold letters, digits, '.', '_', '$' and '-' only; rename it, or use SCRAM, which takes any name");
            }
        }
    }
}
