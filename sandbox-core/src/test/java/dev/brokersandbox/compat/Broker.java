package dev.brokersandbox.compat;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.brokersandbox.AmqpPolicy;
import org.junit.jupiter.api.Assumptions;

/** A broker a {@link Scenario} runs against, and what a scenario needs from it. */
public final class Broker {

    /**
     * A virtual host besides {@code /} that every target has (the sandbox's is created at its start;
     * {@code .ci/rabbitmq} creates RabbitMQ's), for what RabbitMQ says about resources in it.
     */
    public static final String OTHER_VHOST = "compat-vhost";

    private final String name;
    private final ConnectionFactory factory;
    private final Operator operator;
    /** Null when the target's management API is not known. */
    private final String managementUrl;

    Broker(String name, ConnectionFactory factory, Operator operator, String managementUrl) {
        this.name = name;
        this.factory = factory;
        this.operator = operator;
        this.managementUrl = managementUrl;
    }

    /**
     * The broker's management HTTP API as its own user; a scenario that needs it is skipped on a
     * RabbitMQ whose API {@value Targets#RABBITMQ_MANAGEMENT} does not name.
     */
    public Management management() {
        Assumptions.assumeTrue(managementUrl != null, "-D" + Targets.RABBITMQ_MANAGEMENT
                + " names no management API for " + name);
        return new Management(managementUrl, factory.getUsername(), factory.getPassword());
    }

    /**
     * Sets {@code policy} in {@code /} (rabbitmqctl set_policy); closing the result clears it, once.
     * Policies apply to the whole virtual host: match only names made by {@link #unique}.
     */
    public Policy policy(AmqpPolicy policy) throws Exception {
        operator.setPolicy(policy);
        return new Policy(policy.name());
    }

    /** Raises the memory alarm; closing the result clears it. Every connection that publishes meanwhile is blocked. */
    public AutoCloseable memoryAlarm() throws Exception {
        operator.raiseMemoryAlarm();
        return operator::clearMemoryAlarm;
    }

    /**
     * Adds a user {@link #unique} names, password {@code secret}, with these permissions in {@code /}
     * (none if {@code configure} is null); closing the result deletes it.
     */
    public User user(String configure, String write, String read) throws Exception {
        String user = unique("user");
        operator.addUser(user, "secret", configure, write, read);
        return new User(user);
    }

    /** A user added by a scenario. */
    public final class User implements AutoCloseable {
        private final String userName;

        private User(String userName) {
            this.userName = userName;
        }

        public String name() {
            return userName;
        }

        /** Replaces its tags (rabbitmqctl set_user_tags): management, administrator, impersonator, ... */
        public User tags(String... tags) throws Exception {
            operator.setUserTags(userName, tags);
            return this;
        }

        /** A new connection to {@code /} as this user; the scenario closes it. */
        public Connection connect() throws IOException, TimeoutException {
            return Broker.this.connect(factory -> {
                factory.setUsername(userName);
                factory.setPassword("secret");
            });
        }

        @Override
        public void close() throws Exception {
            operator.deleteUser(userName);
        }
    }

    /** A policy set by a scenario. */
    public final class Policy implements AutoCloseable {
        private final String policyName;
        private boolean cleared;

        private Policy(String policyName) {
            this.policyName = policyName;
        }

        /** Clears the policy (rabbitmqctl clear_policy); what it set goes back to what was declared. */
        @Override
        public void close() throws Exception {
            if (!cleared) {
                cleared = true;
                operator.clearPolicy(policyName);
            }
        }
    }

    /** A new connection; the scenario closes it. */
    public Connection connect() throws IOException, TimeoutException {
        return factory.newConnection("compat-scenario");
    }

    /** A new connection made with {@code settings} applied to a copy of the factory; the scenario closes it. */
    public Connection connect(Consumer<ConnectionFactory> settings) throws IOException, TimeoutException {
        ConnectionFactory other = factory.clone();
        settings.accept(other);
        return other.newConnection("compat-scenario");
    }

    /** {@link #connect(Consumer)}, with {@code connectionName} as the client-provided name. */
    public Connection connect(Consumer<ConnectionFactory> settings, String connectionName)
            throws IOException, TimeoutException {
        ConnectionFactory other = factory.clone();
        settings.accept(other);
        return other.newConnection(connectionName);
    }

    /** A new connection to {@code virtualHost}; the scenario closes it. */
    public Connection connect(String virtualHost) throws IOException, TimeoutException {
        ConnectionFactory other = factory.clone();
        other.setVirtualHost(virtualHost);
        return other.newConnection("compat-scenario");
    }

    /** A raw AMQP 0-9-1 connection, opened to {@code /} and with channel 1 open, for frames no client sends. */
    public RawAmqp connectRaw() throws IOException {
        return connectRaw(0);
    }

    /** {@link #connectRaw()} with a heartbeat of {@code heartbeatSeconds} (0: none) in its tune-ok. */
    public RawAmqp connectRaw(int heartbeatSeconds) throws IOException {
        return RawAmqp.open(factory.getHost(), factory.getPort(), factory.getUsername(), factory.getPassword(),
                heartbeatSeconds);
    }

    /** A socket to the broker with nothing sent on it, for bytes no client sends and handshakes that go wrong. */
    public RawAmqp connectRawSocket() throws IOException {
        return RawAmqp.connect(factory.getHost(), factory.getPort());
    }

    /** The PLAIN response of this broker's user: its name and password, each after a NUL. */
    String plainResponse() {
        return "\0" + factory.getUsername() + "\0" + factory.getPassword();
    }

    /**
     * A name no other scenario uses, so that scenarios need no clean-up between them on a broker
     * that lives longer than one test run.
     */
    public String unique(String prefix) {
        return "compat." + prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public String toString() {
        return name;
    }
}
