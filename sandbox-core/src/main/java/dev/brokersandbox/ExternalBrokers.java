package dev.brokersandbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.brokersandbox.internal.engine.ExternalEngine;
import dev.brokersandbox.internal.engine.ReuseLauncher;

/**
 * Brokers that already run elsewhere (a staging cluster, a container, a launcher on this machine),
 * for {@link Sandbox.Builder#external(ExternalBrokers)}: the sandbox then starts nothing for the
 * side named here and works on the external broker instead, with the same isolation (virtual
 * hosts through RabbitMQ's management HTTP API, topics created fresh) and the same clients.
 *
 * <pre>{@code
 * ExternalBrokers external = ExternalBrokers.builder()
 *         .kafka("kafka-1:9092,kafka-2:9092", Map.of("security.protocol", "SASL_SSL", ...))
 *         .topicPrefix("ci-4711-")
 *         .amqp("amqp://app:secret@rabbit:5672/%2F", "http://rabbit:15672")
 *         .build();
 * }</pre>
 *
 * What a real cluster does not let a test do (restart it, stop one of its brokers, keep its data in
 * a directory) throws {@link NotOnExternalBrokersException}.
 */
public final class ExternalBrokers {

    private final String kafkaBootstrapServers;
    private final Map<String, String> kafkaClientProperties;
    private final String topicPrefix;
    private final URI amqpUri;
    private final String managementUrl;
    private final String managementUsername;
    private final String managementPassword;

    private ExternalBrokers(Builder b) {
        this.kafkaBootstrapServers = b.kafkaBootstrapServers;
        this.kafkaClientProperties = Map.copyOf(b.kafkaClientProperties);
        this.topicPrefix = b.topicPrefix;
        this.amqpUri = b.amqpUri;
        this.managementUrl = b.managementUrl;
        this.managementUsername = b.managementUsername != null ? b.managementUsername : amqpUserInfo(0);
        this.managementPassword = b.managementPassword != null ? b.managementPassword : amqpUserInfo(1);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether a Kafka is named; without one, Kafka runs in this JVM as usual. */
    public boolean hasKafka() {
        return kafkaBootstrapServers != null;
    }

    /** Whether an AMQP broker is named; without one, it runs in this JVM as usual. */
    public boolean hasAmqp() {
        return amqpUri != null;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** Passed to every Kafka client the sandbox makes (security, SASL, TLS, timeouts). */
    public Map<String, String> kafkaClientProperties() {
        return kafkaClientProperties;
    }

    /** Put before every topic name the sandbox creates; empty by default. */
    public String topicPrefix() {
        return topicPrefix;
    }

    /** {@code amqp://user:password@host:port/vhost}. */
    public URI amqpUri() {
        return amqpUri;
    }

    /** The AMQP URI's user, {@code guest} when it names none (as RabbitMQ's clients default). */
    public String amqpUsername() {
        return amqpUserInfo(0);
    }

    /** The AMQP URI's password, {@code guest} when it names none. */
    public String amqpPassword() {
        return amqpUserInfo(1);
    }

    /** The base URL of RabbitMQ's management HTTP API, {@code http://host:15672}. */
    public String managementUrl() {
        return managementUrl;
    }

    public String managementUsername() {
        return managementUsername;
    }

    public String managementPassword() {
        return managementPassword;
    }

    /** The AMQP URI's user (0) or password (1), percent-decoded; RabbitMQ's default {@code guest} without one. */
    private String amqpUserInfo(int part) {
        String info = amqpUri == null ? null : amqpUri.getRawUserInfo();
        if (info == null) {
            return "guest";
        }
        String[] parts = info.split(":", 2);
        return part < parts.length ? URLDecoder.decode(parts[part], StandardCharsets.UTF_8) : "guest";
    }

    /**
     * The brokers of this machine's reuse launcher ({@code java -jar broker-sandbox.jar --reuse}), which
     * is started now, detached, if none runs: found through a state file in the user's cache
     * directory. Empty, with a warning that says why, when the launcher there is of another version
     * or does not answer: then start brokers in this JVM.
     */
    public static java.util.Optional<ExternalBrokers> reuseLauncher() {
        return ReuseLauncher.attach();
    }

    /**
     * One line for a log, asked of the brokers now: the mode, each broker's address and version
     * (Kafka's cluster id and broker count, RabbitMQ's version from its server properties).
     *
     * @throws SandboxException naming the broker that does not answer
     */
    public String report() {
        return ExternalEngine.report(this);
    }

    @Override
    public String toString() {
        // No passwords: this ends up in logs.
        return "external brokers (" + (hasKafka() ? "Kafka " + kafkaBootstrapServers : "Kafka in this JVM") + ", "
                + (hasAmqp() ? "AMQP " + amqpUri.getHost() + ":" + amqpUri.getPort() : "AMQP in this JVM") + ")";
    }

    /** Names the external brokers; each side is optional. */
    public static final class Builder {

        private String kafkaBootstrapServers;
        private final Map<String, String> kafkaClientProperties = new LinkedHashMap<>();
        private String topicPrefix = "";
        private URI amqpUri;
        private String managementUrl;
        private String managementUsername;
        private String managementPassword;

        private Builder() {
        }

        /** A Kafka at {@code bootstrapServers}; {@code clientProperties} go to every client (security, SASL, TLS). */
        public Builder kafka(String bootstrapServers, Map<String, String> clientProperties) {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("kafka(bootstrapServers): give host:port of at least one broker, "
                        + "as in kafka-1:9092,kafka-2:9092");
            }
            this.kafkaBootstrapServers = bootstrapServers.strip();
            kafkaClientProperties.putAll(clientProperties);
            kafkaClientProperties.remove("bootstrap.servers");
            return this;
        }

        /**
         * Put before every topic name the sandbox creates and deletes, so that two test runs sharing
         * one cluster (two CI jobs) never touch each other's topics; tests read the real name from
         * {@link KafkaBroker#topicName(String)}.
         */
        public Builder topicPrefix(String prefix) {
            this.topicPrefix = Objects.requireNonNull(prefix, "topicPrefix(null): give \"\" for none");
            return this;
        }

        /**
         * An AMQP broker at {@code uri} ({@code amqp://user:password@host:port/vhost}, {@code amqps://} for
         * TLS) whose RabbitMQ management HTTP API is at {@code managementUrl} ({@code http://host:15672}),
         * where the sandbox creates and deletes its virtual hosts as the URI's user.
         */
        public Builder amqp(String uri, String managementUrl) {
            try {
                URI parsed = new URI(Objects.requireNonNull(uri, "amqp(uri)"));
                if (!"amqp".equals(parsed.getScheme()) && !"amqps".equals(parsed.getScheme()) || parsed.getHost() == null) {
                    throw new URISyntaxException(uri, "not amqp://host[:port][/vhost] or amqps://...");
                }
                this.amqpUri = parsed;
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("amqp(\"" + uri.replaceAll(":[^:@/]*@", ":…@") + "\", ..): not an AMQP "
                        + "URI such as amqp://guest:guest@rabbit:5672/%2F (" + e.getReason() + ")", e);
            }
            if (managementUrl == null || !managementUrl.matches("https?://.+")) {
                throw new IllegalArgumentException("amqp(uri, \"" + managementUrl + "\"): give the base URL of RabbitMQ's "
                        + "management HTTP API, such as http://rabbit:15672: the sandbox creates a virtual host per "
                        + "test class through it");
            }
            this.managementUrl = managementUrl.replaceAll("/+$", "").replaceAll("/api$", "");
            return this;
        }

        /** Other credentials for the management API than the AMQP URI's (the default). */
        public Builder managementCredentials(String username, String password) {
            this.managementUsername = Objects.requireNonNull(username, "username");
            this.managementPassword = Objects.requireNonNull(password, "password");
            return this;
        }

        public ExternalBrokers build() {
            if (kafkaBootstrapServers == null && amqpUri == null) {
                throw new IllegalArgumentException("ExternalBrokers names no broker: give kafka(..), amqp(..) or both");
            }
            return new ExternalBrokers(this);
        }
    }
}
