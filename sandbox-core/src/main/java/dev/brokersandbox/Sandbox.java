package dev.brokersandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.brokersandbox.internal.BrokerLogLevels;
import dev.brokersandbox.internal.ClientJars;
import dev.brokersandbox.internal.StartFailures;
import dev.brokersandbox.internal.engine.EmbeddedEngine;
import dev.brokersandbox.internal.engine.Engine;
import dev.brokersandbox.internal.engine.ExternalEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka and a real AMQP 0-9-1 broker running inside this JVM, on 127.0.0.1 and
 * ephemeral ports.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.builder()
 *         .kafka(k -> k.topic("orders", 3))
 *         .amqp(a -> a.queue("hello"))
 *         .start()) {
 *     Producer<String, String> producer = sandbox.kafka().producer();
 *     ConnectionFactory factory = sandbox.amqp().connectionFactory();
 * }
 * }</pre>
 *
 * Both brokers start in parallel. {@link #close()} stops them and deletes their temp directories;
 * it is idempotent and does not throw.
 *
 * <p>Broker logs are reduced to warnings unless the system property
 * {@value BrokerLogLevels#VERBOSE_PROPERTY} is {@code true}.
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

    private final KafkaBroker kafka;
    private final AmqpBroker amqp;
    private boolean closed;

    private Sandbox(KafkaBroker kafka, AmqpBroker amqp) {
        this.kafka = kafka;
        this.amqp = amqp;
    }

    /** A builder; with neither {@code kafka(..)} nor {@code amqp(..)} called, both brokers start. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The Kafka broker.
     *
     * @throws IllegalStateException if this sandbox was built without Kafka
     */
    public KafkaBroker kafka() {
        if (kafka == null) {
            throw new IllegalStateException("This sandbox runs no Kafka: add .kafka() to Sandbox.builder()");
        }
        return kafka;
    }

    /**
     * The AMQP broker.
     *
     * @throws IllegalStateException if this sandbox was built without AMQP
     */
    public AmqpBroker amqp() {
        if (amqp == null) {
            throw new IllegalStateException("This sandbox runs no AMQP broker: add .amqp() to Sandbox.builder()");
        }
        return amqp;
    }

    /**
     * The trust store for this sandbox's TLS brokers (one certificate authority signs both); see
     * {@link Builder#tls()}.
     *
     * @throws IllegalStateException if the sandbox runs without TLS
     */
    public SandboxTrustStore trustStore() {
        return kafka != null ? kafka.trustStore() : amqp().trustStore();
    }

    /** Whether this sandbox runs Kafka. */
    public boolean hasKafka() {
        return kafka != null;
    }

    /** Whether this sandbox runs the AMQP broker. */
    public boolean hasAmqp() {
        return amqp != null;
    }

    /** Stops both brokers and deletes their temp directories. Safe to call more than once; never throws. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        if (kafka != null) {
            stops.add(runAsync("kafka-stop", kafka::close));
        }
        if (amqp != null) {
            stops.add(runAsync("amqp-stop", amqp::close));
        }
        for (CompletableFuture<Void> stop : stops) {
            try {
                stop.get(Builder.STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("Interrupted while stopping the sandbox's brokers");
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("A broker of the sandbox did not stop cleanly within {} s", Builder.STOP_TIMEOUT.toSeconds(), e);
            }
        }
    }

    private static CompletableFuture<Void> runAsync(String name, Runnable action) {
        return supplyAsync(name, () -> {
            action.run();
            return null;
        });
    }

    /** Runs on a named daemon thread: a hung broker start must never keep the JVM alive. */
    private static <T> CompletableFuture<T> supplyAsync(String name, Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(action.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "broker-sandbox-" + name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** Says which brokers to start and what they should hold. */
    public static final class Builder {

        static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

        private KafkaSetup kafkaSetup;
        private AmqpSetup amqpSetup;
        private SandboxOptions options = SandboxOptions.defaults();
        private ExternalBrokers external;

        private Builder() {
        }

        /**
         * Works on brokers that already run elsewhere instead of starting them, for the side(s)
         * {@code external} names; see {@link ExternalBrokers}. Null: start both here (the default).
         */
        public Builder external(ExternalBrokers external) {
            this.external = external;
            return this;
        }

        /** All options at once, replacing those set so far; see {@link SandboxOptions}. */
        public Builder options(SandboxOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Start Kafka. */
        public Builder kafka() {
            return kafka(k -> { });
        }

        /** Start Kafka with the topics {@code setup} adds. */
        public Builder kafka(Consumer<KafkaSetup> setup) {
            if (kafkaSetup == null) {
                kafkaSetup = new KafkaSetup();
            }
            setup.accept(kafkaSetup);
            return this;
        }

        /** Start the AMQP broker. */
        public Builder amqp() {
            return amqp(a -> { });
        }

        /** Start the AMQP broker with the queues, exchanges and bindings {@code setup} adds to vhost {@code /}. */
        public Builder amqp(Consumer<AmqpSetup> setup) {
            if (amqpSetup == null) {
                amqpSetup = new AmqpSetup();
            }
            setup.accept(amqpSetup);
            return this;
        }

        /**
         * How many Kafka brokers: 1 (the default) runs one combined broker and controller; more
         * run that many brokers beside one controller, for replicated topics and broker failures
         * ({@link KafkaBroker#stopBroker(int)}). Internal topics and topics without a replication
         * factor are then replicated to min(brokers, 3).
         */
        public Builder kafkaBrokers(int brokers) {
            options = options.withKafkaBrokers(brokers);
            return this;
        }

        /** Kafka's client port on 127.0.0.1 (the first broker's, in a cluster); 0 (the default) lets the operating system choose a free one. */
        public Builder kafkaPort(int port) {
            options = options.withKafkaPort(port);
            return this;
        }

        /** The AMQP port on 127.0.0.1; 0 (the default) lets the operating system choose a free one. */
        public Builder amqpPort(int port) {
            options = options.withAmqpPort(port);
            return this;
        }

        /**
         * The address the brokers listen on: {@code 127.0.0.1} by default, so nothing outside this
         * machine can reach them. Another address (or {@code 0.0.0.0}) exposes both brokers, with
         * the well-known {@code guest}/{@code guest} credentials, to every host that reaches it.
         */
        public Builder bindAddress(String address) {
            options = options.withBindAddress(address);
            return this;
        }

        /**
         * Keeps the brokers' data in {@code directory} instead of temp directories: Kafka's logs in
         * {@code kafka/}, the AMQP broker's durable queues, exchanges, bindings and persistent
         * messages in {@code amqp/}. A later sandbox on the same directory finds them again; closing
         * deletes nothing. One sandbox at a time may use a directory.
         */
        public Builder dataDirectory(Path directory) {
            options = options.withDataDirectory(Objects.requireNonNull(directory, "dataDirectory(null): give a "
                    + "directory, or leave dataDirectory(..) out for temp directories deleted on close"));
            return this;
        }

        /**
         * Clients must connect with TLS: the AMQP port speaks TLS only (amqps, as RabbitMQ's TLS
         * listener), Kafka's client listener is {@code SSL}. The brokers' certificates name
         * {@code localhost}, {@code 127.0.0.1} and the {@link #bindAddress(String) bind address}, and
         * are signed by a certificate authority made at start, which only this JVM's sandboxes know:
         * the clients the sandbox makes trust it, others take {@link Sandbox#trustStore()}. Off by default.
         */
        public Builder tls() {
            options = options.withTls(true);
            return this;
        }

        /**
         * Kafka's clients must authenticate with SASL {@code mechanism} as one of the users given:
         * the client listener becomes {@code SASL_PLAINTEXT} ({@code SASL_SSL} with {@link #tls()}).
         * SCRAM users are written into the metadata log when Kafka's storage is formatted (as
         * {@code kafka-storage format --add-scram} does), PLAIN users into the listener's JAAS
         * settings. The clients the sandbox makes log in as {@code clientUser};
         * {@link KafkaBroker#clientConfig(String)} logs in as another. The brokers' own traffic and
         * the controller's stay on plain loopback listeners of their own. Off by default.
         *
         * <pre>{@code
         * Sandbox.builder().kafkaSasl(KafkaSaslMechanism.SCRAM_SHA_256,
         *         new KafkaUser("alice", "alice-secret"), new KafkaUser("bob", "bob-secret")).kafka().start();
         * }</pre>
         */
        public Builder kafkaSasl(KafkaSaslMechanism mechanism, KafkaUser clientUser, KafkaUser... otherUsers) {
            List<KafkaUser> users = new ArrayList<>();
            users.add(Objects.requireNonNull(clientUser, "clientUser"));
            users.addAll(List.of(otherUsers));
            options = options.withKafkaSasl(Objects.requireNonNull(mechanism, "mechanism"), users);
            return this;
        }

        /** How long each broker may take to start before {@link #start()} fails; 60 s by default. */
        public Builder startupTimeout(Duration timeout) {
            options = options.withStartupTimeout(timeout);
            return this;
        }

        /**
         * Starts the brokers in parallel and returns when both are ready for clients.
         *
         * @throws SandboxException naming the broker that failed and why; nothing is left running
         */
        public Sandbox start() {
            boolean both = kafkaSetup == null && amqpSetup == null;
            KafkaSetup kafkaWanted = both ? new KafkaSetup() : kafkaSetup;
            AmqpSetup amqpWanted = both ? new AmqpSetup() : amqpSetup;
            // Before any class that links against a client is loaded: a missing or too old client
            // jar is named here rather than failing as a NoClassDefFoundError inside.
            if (kafkaWanted != null) {
                ClientJars.requireKafkaClients();
            }
            if (amqpWanted != null) {
                ClientJars.requireAmqpClient();
            }
            BrokerLogLevels.apply();
            // On an external Kafka its own security applies (ExternalBrokers' client properties), not the sandbox's.
            SandboxOptions options = external != null && external.hasKafka()
                    ? this.options.withTls(false).withKafkaSasl(null, List.of()) : this.options;
            Engine engine = external == null ? EmbeddedEngine.get() : new ExternalEngine(external);

            CompletableFuture<KafkaBroker> kafkaStart = kafkaWanted == null ? null
                    : supplyAsync("kafka-start", () -> {
                        KafkaBroker broker = KafkaBroker.start(engine, options);
                        try {
                            if (options.dataDirectory() == null) {
                                broker.recreateTopics(kafkaWanted);
                            } else {
                                broker.createMissingTopics(kafkaWanted);
                            }
                        } catch (RuntimeException e) {
                            broker.close();
                            throw e;
                        }
                        return broker;
                    });
            CompletableFuture<AmqpBroker> amqpStart = amqpWanted == null ? null
                    : supplyAsync("amqp-start", () -> {
                        AmqpBroker broker = AmqpBroker.start(engine, options);
                        try {
                            broker.declare(AmqpBroker.DEFAULT_VIRTUAL_HOST, amqpWanted);
                        } catch (RuntimeException e) {
                            broker.close();
                            throw e;
                        }
                        return broker;
                    });

            List<String> failures = new ArrayList<>();
            Throwable firstCause = null;
            KafkaBroker kafka = null;
            AmqpBroker amqp = null;
            try {
                kafka = await(kafkaStart, "Kafka", options.kafkaPort(), "kafkaPort", failures);
            } catch (Throwable t) {
                firstCause = t;
            }
            if (firstCause instanceof InterruptedException) {
                closeOnceStarted(amqpStart); // the caller wants out: the other broker is not awaited, only stopped
                Thread.currentThread().interrupt();
            } else {
                try {
                    amqp = await(amqpStart, "AMQP broker (Qpid Broker-J)", options.amqpPort(), "amqpPort", failures);
                } catch (Throwable t) {
                    firstCause = firstCause == null ? t : firstCause;
                }
            }
            if (failures.isEmpty()) {
                return new Sandbox(kafka, amqp);
            }
            new Sandbox(kafka, amqp).close();
            throw new SandboxException(String.join("; ", failures), firstCause);
        }

        private <T extends AutoCloseable> T await(CompletableFuture<T> start, String broker, int port, String option,
                                                  List<String> failures) throws Throwable {
            if (start == null) {
                return null;
            }
            try {
                return start.get(options.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Whatever the start still produces must not outlive the failure.
                start.thenAccept(Builder::closeQuietly);
                failures.add(broker + " did not start within " + options.startupTimeout().toSeconds()
                        + " s; set a longer Sandbox.builder().startupTimeout(..) on a slow machine");
                throw e;
            } catch (InterruptedException e) {
                failures.add("interrupted while waiting for " + broker + " to start; the brokers that had started "
                        + "are stopped again");
                closeOnceStarted(start);
                Thread.currentThread().interrupt();
                throw e;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                failures.add(broker + " failed to start: " + StartFailures.describe(cause, options.bindAddress(), port, option));
                throw cause;
            }
        }

        /**
         * Waits for a start the caller was interrupted out of, at most the start-up timeout, and closes
         * what it started: the interrupted {@link #start()} then leaves no broker, thread or temp
         * directory behind. A further interrupt does not cut the wait short; it is kept for the caller.
         */
        private void closeOnceStarted(CompletableFuture<? extends AutoCloseable> start) {
            if (start == null) {
                return;
            }
            // The caller's interrupt is restored after the wait. Cleared first: a start already done is
            // closed right here, and Qpid's stop cut short by an interrupt leaves a pool thread running.
            Thread.interrupted();
            CompletableFuture<Void> closed = start.handle((broker, error) -> {
                if (broker != null) {
                    closeQuietly(broker);
                }
                return null;
            });
            long deadline = System.nanoTime() + options.startupTimeout().toNanos();
            while (true) {
                try {
                    closed.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    return;
                } catch (InterruptedException again) {
                    // keep waiting: the broker would otherwise outlive the failed start
                } catch (ExecutionException | TimeoutException e) {
                    return; // a start that hangs past its timeout is closed when it ends, as above
                }
            }
        }

        private static void closeQuietly(AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Could not close a broker that started too late", e);
            }
        }
    }
}
