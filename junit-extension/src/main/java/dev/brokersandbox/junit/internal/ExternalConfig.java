package dev.brokersandbox.junit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import dev.brokersandbox.ExternalBrokers;
import dev.brokersandbox.KafkaBroker;
import dev.brokersandbox.SandboxOptions;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.opentest4j.TestAbortedException;

/**
 * External mode's configuration: JUnit configuration parameters ({@code junit-platform.properties},
 * the launcher's, system properties) or environment variables (the key upper-cased, dots and dashes
 * as underscores: {@code BROKERSANDBOX_EXTERNAL_KAFKA_BOOTSTRAP_SERVERS}). Naming a Kafka or an
 * AMQP broker turns external mode on for it; see README, "Running against real brokers".
 */
public final class ExternalConfig {

    public static final String PREFIX = "brokersandbox.external.";
    public static final String KAFKA = PREFIX + "kafka.";
    public static final String KAFKA_BOOTSTRAP_SERVERS = KAFKA + "bootstrap.servers";
    /** A properties file of client properties, as Kafka's tools take with {@code --command-config}. */
    public static final String KAFKA_CONFIG_FILE = KAFKA + "config-file";
    /** Put before every topic name; {@value #RANDOM} for one of this JVM's own. */
    public static final String TOPIC_PREFIX = KAFKA + "topic-prefix";
    public static final String RANDOM = "random";
    public static final String AMQP_URI = PREFIX + "amqp.uri";
    public static final String MANAGEMENT_URL = PREFIX + "amqp.management-url";
    public static final String MANAGEMENT_USERNAME = PREFIX + "amqp.management-username";
    public static final String MANAGEMENT_PASSWORD = PREFIX + "amqp.management-password";
    /** Reuse mode: attach to this machine's reuse launcher, started on first use; off by default. */
    public static final String REUSE = "brokersandbox.reuse";
    private static final Set<String> OWN_KEYS = Set.of(KAFKA_CONFIG_FILE, TOPIC_PREFIX);
    /** One per JVM: two test JVMs on one cluster never share it. */
    private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);
    private static final String RANDOM_PREFIX = "run-" + RUN_ID + "-";

    private ExternalConfig() {
    }

    /**
     * This JVM's own id (8 hex digits), for names the sandbox makes on external brokers (virtual
     * hosts, consumer groups): brokers that outlive the JVM may hold those of another JVM that runs
     * at the same time (two CI jobs on one cluster) or was killed before it cleaned up.
     */
    public static String runId() {
        return RUN_ID;
    }

    /**
     * The brokers of the run: those {@link #read} names, else, with {@value #REUSE}{@code =true}, the
     * reuse launcher's ({@link ExternalBrokers#reuseLauncher()}); empty for brokers in this JVM.
     */
    public static Optional<RunBrokers> resolve(Function<String, Optional<String>> parameter) {
        Optional<ExternalBrokers> named = read(parameter);
        if (named.isPresent() || !reuse(parameter)) {
            return named.map(brokers -> new RunBrokers(brokers, false));
        }
        return ExternalBrokers.reuseLauncher().map(brokers -> new RunBrokers(brokers, true));
    }

    /**
     * The brokers a run works on, and whether they are a reuse launcher's (whose attaching already
     * said where they are: asking them for their versions would cost an IDE re-run a second).
     */
    public record RunBrokers(ExternalBrokers brokers, boolean reused) {
    }

    /** Whether {@value #REUSE} is true (or {@code BROKERSANDBOX_REUSE}). */
    public static boolean reuse(Function<String, Optional<String>> parameter) {
        return parameter.apply(REUSE).or(() -> env(REUSE)).map(v -> v.strip().equalsIgnoreCase("true")).orElse(false);
    }

    /**
     * The external brokers {@code parameter} and the environment name, or empty for none (brokers in
     * this JVM, as usual).
     *
     * @param parameter a JUnit configuration parameter by key (JUnit itself falls back to system properties)
     */
    public static Optional<ExternalBrokers> read(Function<String, Optional<String>> parameter) {
        Function<String, Optional<String>> value = key -> parameter.apply(key).or(() -> env(key))
                .map(String::strip).filter(v -> !v.isEmpty());
        Optional<String> bootstrap = value.apply(KAFKA_BOOTSTRAP_SERVERS);
        Optional<String> amqpUri = value.apply(AMQP_URI);
        if (bootstrap.isEmpty() && amqpUri.isEmpty()) {
            return Optional.empty();
        }
        ExternalBrokers.Builder builder = ExternalBrokers.builder();
        try {
            if (bootstrap.isPresent()) {
                builder.kafka(bootstrap.get(), kafkaProperties(value));
                String prefix = value.apply(TOPIC_PREFIX).orElse("");
                builder.topicPrefix(RANDOM.equals(prefix) ? RANDOM_PREFIX : prefix);
            }
            if (amqpUri.isPresent()) {
                builder.amqp(amqpUri.get(), value.apply(MANAGEMENT_URL).orElseThrow(() -> new ExtensionConfigurationException(
                        AMQP_URI + " names an external AMQP broker, but " + MANAGEMENT_URL + " is not set: give the URL of "
                                + "its RabbitMQ management API (such as http://rabbit:15672), through which each test "
                                + "class gets a virtual host of its own")));
                Optional<String> user = value.apply(MANAGEMENT_USERNAME);
                if (user.isPresent()) {
                    builder.managementCredentials(user.get(), value.apply(MANAGEMENT_PASSWORD).orElse(""));
                }
            }
            return Optional.of(builder.build());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("External brokers (" + PREFIX + "*): " + e.getMessage(), e);
        }
    }

    /**
     * The Kafka client properties: those of {@value #KAFKA_CONFIG_FILE}, then every
     * {@code brokersandbox.external.kafka.<property>} of {@code junit-platform.properties}, the
     * environment and the system properties, each overriding the one before.
     */
    private static Map<String, String> kafkaProperties(Function<String, Optional<String>> value) {
        Map<String, String> properties = new LinkedHashMap<>();
        Optional<String> file = value.apply(KAFKA_CONFIG_FILE);
        if (file.isPresent()) {
            Properties loaded = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(file.get()))) {
                loaded.load(reader);
            } catch (IOException e) {
                throw new ExtensionConfigurationException(KAFKA_CONFIG_FILE + "=" + file.get() + ": cannot read it (" + e
                        + "); give a properties file of Kafka client properties", e);
            }
            loaded.stringPropertyNames().forEach(k -> properties.put(k, loaded.getProperty(k)));
        }
        clientProperties(junitPlatformProperties(), properties);
        String envPrefix = envName(KAFKA);
        System.getenv().forEach((name, v) -> {
            if (name.startsWith(envPrefix) && OWN_KEYS.stream().noneMatch(k -> envName(k).equals(name))) {
                properties.put(name.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        clientProperties(System.getProperties(), properties);
        properties.remove("bootstrap.servers");
        return properties;
    }

    /**
     * JUnit's configuration file, {@code junit-platform.properties} on the class path (empty without
     * one): where a framework that reads the settings outside JUnit (Spring's context customizers)
     * finds them after the system properties, as JUnit does.
     */
    public static Properties junitPlatformProperties() {
        Properties junit = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("junit-platform.properties")) {
            if (in != null) {
                junit.load(in);
            }
        } catch (IOException e) {
            throw new ExtensionConfigurationException("Cannot read junit-platform.properties: " + e, e);
        }
        return junit;
    }

    /**
     * Skips {@code testClass}, as an assumption that does not hold, when it asks for more Kafka
     * brokers than the external {@code kafka} has: a test of replication cannot run on one broker.
     */
    public static void requireKafkaBrokers(ExternalBrokers external, KafkaBroker kafka, SandboxOptions options,
                                           Class<?> testClass) {
        int wanted = options.kafkaBrokers();
        if (external != null && external.hasKafka() && kafka != null && kafka.brokerCount() < wanted) {
            throw new TestAbortedException("Skipped on external brokers: " + testClass.getSimpleName() + " asks for "
                    + wanted + " Kafka brokers (kafkaBrokers = " + wanted + "), the external Kafka at "
                    + external.kafkaBootstrapServers() + " has " + kafka.brokerCount());
        }
    }

    private static void clientProperties(Properties from, Map<String, String> into) {
        for (String key : from.stringPropertyNames()) {
            if (key.startsWith(KAFKA) && !OWN_KEYS.contains(key)) {
                into.put(key.substring(KAFKA.length()), from.getProperty(key));
            }
        }
    }

    private static Optional<String> env(String key) {
        return Optional.ofNullable(System.getenv(envName(key)));
    }

    /** {@code BROKERSANDBOX_EXTERNAL_KAFKA_BOOTSTRAP_SERVERS} for {@code brokersandbox.external.kafka.bootstrap.servers}. */
    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
