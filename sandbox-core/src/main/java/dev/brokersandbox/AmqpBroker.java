package dev.brokersandbox;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.brokersandbox.internal.Ports;
import dev.brokersandbox.internal.engine.AmqpEngine;
import dev.brokersandbox.internal.engine.Engine;
import dev.brokersandbox.internal.management.ManagementApi;
import dev.brokersandbox.internal.management.ManagementApis;
import dev.brokersandbox.internal.management.ManagementServer;

/**
 * One running AMQP 0-9-1 broker (Apache Qpid Broker-J) on 127.0.0.1, reachable with RabbitMQ's
 * Java client. Obtain it from {@link Sandbox#amqp()}; the sandbox closes it.
 *
 * <p>Like a fresh RabbitMQ: user {@code guest}, password {@code guest}, virtual host {@code /}. On
 * an external broker ({@link Sandbox.Builder#external}) host, port and user are its URI's, and what
 * only a broker the sandbox started can do throws {@link NotOnExternalBrokersException}.
 */
public final class AmqpBroker implements AutoCloseable {

    /** The virtual host a RabbitMQ client uses when none is named. */
    public static final String DEFAULT_VIRTUAL_HOST = "/";
    private static final String USERNAME = "guest";
    private static final String PASSWORD = "guest";

    private final AmqpEngine broker;
    private final String host;
    /** An external broker's URI, which names its endpoint and user; null for one the sandbox started. */
    private final java.net.URI external;
    /** Null unless the port speaks TLS. */
    private final SandboxTrustStore trustStore;
    /** Made on first use: most tests never ask for it, and start-up is what they wait for. */
    private ManagementApi management;
    /** Started on first use of {@link #managementUrl()}. */
    private ManagementServer managementServer;
    private volatile boolean closed;

    static {
        ManagementApis.grant(AmqpBroker::managementApi);
    }

    private AmqpBroker(AmqpEngine broker, String host, SandboxTrustStore trustStore) {
        this.broker = broker;
        this.external = broker.uri();
        this.host = external != null ? external.getHost() : host;
        this.trustStore = trustStore;
    }

    private synchronized ManagementApi managementApi() {
        if (management == null) {
            management = new ManagementApi(broker, this::managementConnectionFactory, USERNAME, host, broker.port());
        }
        return management;
    }

    /** The API's connections: those of {@link #connectionFactory(String)} without recovery, which would hide a refusal. */
    private ConnectionFactory managementConnectionFactory(String virtualHost) {
        ConnectionFactory factory = connectionFactory(virtualHost);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        return factory;
    }

    /**
     * The URL of this broker's RabbitMQ management HTTP API, {@code http://127.0.0.1:<port>}, started
     * on a free port of 127.0.0.1 on first call (the standalone launcher serves it on its status
     * port, 15672 as RabbitMQ). The API is under {@code /api/} with basic authentication as
     * {@link #username()}/{@link #password()} (or a user with the {@code management} or
     * {@code administrator} tag): {@code GET /api/overview}, {@code /api/vhosts},
     * {@code /api/permissions}, {@code /api/queues} (with message and consumer counts),
     * {@code /api/exchanges}, {@code /api/bindings}, purge, get, publish and {@code /api/connections},
     * in RabbitMQ 3.10's JSON shapes and status codes; see docs/management-api.md.
     */
    public synchronized String managementUrl() {
        requireOpen("managementUrl()");
        if (broker.managementUrl() != null) {
            return broker.managementUrl(); // an external broker's own
        }
        if (managementServer == null) {
            managementServer = ManagementServer.start(managementApi(), 0);
        }
        return managementServer.url();
    }

    static AmqpBroker start(Engine engine, SandboxOptions options) {
        AmqpEngine broker = engine.startAmqp(options, USERNAME, PASSWORD);
        try {
            String ca = broker.tlsCaCertificate();
            return new AmqpBroker(broker, Ports.advertisedHost(options.bindAddress()),
                    ca == null ? null : SandboxTrustStore.acquire(ca));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** Whether the port speaks TLS only, as RabbitMQ's amqps listener does; see {@link Sandbox.Builder#tls()}. */
    public boolean tls() {
        return trustStore != null || external != null && "amqps".equals(external.getScheme());
    }

    /**
     * The trust store that makes a client trust this broker's TLS certificate; the factories of
     * {@link #connectionFactory(String)} already use it.
     *
     * @throws IllegalStateException if this broker runs without TLS
     */
    public SandboxTrustStore trustStore() {
        if (trustStore == null) {
            throw new IllegalStateException("AMQP broker on " + host + ":" + port() + " runs without TLS, so it has no "
                    + "trust store: start the sandbox with TLS (Sandbox.builder().tls()) to get one");
        }
        return trustStore;
    }

    /** {@code 127.0.0.1}, unless the sandbox was built with another {@link Sandbox.Builder#bindAddress(String)}. */
    public String host() {
        return host;
    }

    /** The AMQP port: a free one the operating system chose, unless one was given (or the external broker's). */
    public int port() {
        return broker.port();
    }

    /** {@code guest} (an external broker's: its URI's user). */
    public String username() {
        return external != null ? userInfo(0) : USERNAME;
    }

    /** {@code guest} (an external broker's: its URI's password). */
    public String password() {
        return external != null ? userInfo(1) : PASSWORD;
    }

    private String userInfo(int part) {
        String info = external.getRawUserInfo();
        String[] parts = info == null ? new String[0] : info.split(":", 2);
        return part < parts.length ? java.net.URLDecoder.decode(parts[part], StandardCharsets.UTF_8) : "guest";
    }

    /** {@code /}, the virtual host RabbitMQ's clients use by default. */
    public String virtualHost() {
        return DEFAULT_VIRTUAL_HOST;
    }

    /**
     * {@code amqp://guest:guest@127.0.0.1:<port>/%2F} ({@code amqps://} with TLS), for clients
     * configured by URI. Mind that RabbitMQ's Java client, given an {@code amqps} URI, trusts every
     * certificate: use {@link #connectionFactory()}, or {@link #trustStore()}'s context, to check it.
     */
    public String uri() {
        return uri(DEFAULT_VIRTUAL_HOST);
    }

    /** The URI of {@code virtualHost} on this broker, percent-encoded as RabbitMQ's clients expect. */
    public String uri(String virtualHost) {
        return (tls() ? "amqps://" : "amqp://") + encode(username()) + ":" + encode(password()) + "@" + host() + ":" + port()
                + "/" + encode(virtualHost);
    }

    /** A connection factory for the default virtual host {@code /}. */
    public ConnectionFactory connectionFactory() {
        return connectionFactory(DEFAULT_VIRTUAL_HOST);
    }

    /**
     * A connection factory for {@code virtualHost} with host, port and credentials set, and
     * automatic connection and topology recovery on (so clients survive a broker restart). With
     * TLS it trusts the sandbox's certificate authority only and checks the host name, as a
     * production client should.
     */
    public ConnectionFactory connectionFactory(String virtualHost) {
        requireOpen("connectionFactory()");
        ConnectionFactory factory = new ConnectionFactory();
        if (external != null) {
            try {
                factory.setUri(external); // its host, port, user and, for amqps, TLS as RabbitMQ's client sets it up
            } catch (java.security.GeneralSecurityException e) {
                throw new SandboxException("The external AMQP URI is not one RabbitMQ's client takes: " + e.getMessage(), e);
            }
        }
        factory.setHost(host());
        factory.setPort(port());
        factory.setUsername(username());
        factory.setPassword(password());
        factory.setVirtualHost(virtualHost);
        if (trustStore != null) {
            factory.useSslProtocol(trustStore.sslContext());
            factory.enableHostnameVerification();
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        // The client's 5 s default makes a test wait that long after a broker restart.
        factory.setNetworkRecoveryInterval(500);
        return factory;
    }

    /**
     * Creates an empty in-memory virtual host; connect to it with {@link #connectionFactory(String)}.
     *
     * @throws SandboxException if one with that name exists
     */
    public void createVirtualHost(String name) {
        requireOpen("createVirtualHost(\"" + name + "\")");
        if (name == null || name.isEmpty() || DEFAULT_VIRTUAL_HOST.equals(name)) {
            throw new IllegalArgumentException("virtual host name must not be empty or '/' (that is the default one)");
        }
        if (broker.hasVirtualHost(name)) {
            throw new SandboxException("AMQP virtual host \"" + name + "\" already exists; delete it first or pick another name");
        }
        try {
            broker.createVirtualHost(name);
        } catch (RuntimeException e) {
            throw new SandboxException("Could not create AMQP virtual host \"" + name + "\": " + e.getMessage(), e);
        }
    }

    /** Deletes {@code name} with all its queues, exchanges and messages; a missing one, or a closed broker, is ignored. */
    public void deleteVirtualHost(String name) {
        if (closed) {
            return;
        }
        try {
            broker.deleteVirtualHost(name);
        } catch (RuntimeException e) {
            throw new SandboxException("Could not delete AMQP virtual host \"" + name + "\": " + e.getMessage(), e);
        }
    }

    /** Declares the queues, exchanges and bindings of {@code setup} in {@code virtualHost}. */
    public void declare(String virtualHost, AmqpSetup setup) {
        if (setup.isEmpty()) {
            return;
        }
        try (Connection connection = connectionFactory(virtualHost).newConnection("broker-sandbox-setup");
             Channel channel = connection.createChannel()) {
            for (AmqpSetup.ExchangeSpec e : setup.exchanges()) {
                channel.exchangeDeclare(e.name(), e.type());
            }
            for (AmqpSetup.QueueSpec q : setup.queues()) {
                channel.queueDeclare(q.name(), q.durable(), false, false, q.arguments());
            }
            for (AmqpSetup.BindingSpec b : setup.bindings()) {
                channel.queueBind(b.queue(), b.exchange(), b.routingKey());
            }
            for (AmqpSetup.UserSpec u : setup.users()) {
                broker.addUser(u.name(), u.password()); // false: there already, with this password
                broker.setPermissions(virtualHost, u.name(), u.configure(), u.write(), u.read());
            }
        } catch (IOException | TimeoutException e) {
            throw new SandboxException("Could not declare queues and exchanges in AMQP virtual host \""
                    + virtualHost + "\": " + rootMessage(e), e);
        }
    }

    /**
     * What {@code virtualHost} holds right now: queues with message and consumer counts, exchanges,
     * bindings. AMQP 0-9-1 itself cannot list them; RabbitMQ shows them in its management UI.
     *
     * @throws SandboxException if there is no such virtual host
     */
    public AmqpOverview overview(String virtualHost) {
        requireOpen("overview(\"" + virtualHost + "\")");
        Map<String, List<Map<String, Object>>> overview = broker.overview(virtualHost);
        if (overview == null) {
            throw new SandboxException("There is no AMQP virtual host \"" + virtualHost + "\" on this broker");
        }
        return AmqpOverview.of(virtualHost, overview);
    }

    /** The open client connections, as {@code rabbitmqctl list_connections} lists them. */
    public List<AmqpClientConnection> connections() {
        requireOpen("connections()");
        return broker.connections().stream().map(AmqpClientConnection::of).toList();
    }

    /**
     * Closes a client connection as {@code rabbitmqctl close_connection} does: the client receives
     * connection.close 320 {@code CONNECTION_FORCED - <reason>} (a client with automatic recovery
     * reconnects). Useful to test what an application does when the broker drops it.
     *
     * @param which its {@link AmqpClientConnection#id() id}, {@link AmqpClientConnection#name() name},
     *              client-provided name or peer port
     * @return whether a connection was closed
     */
    public boolean closeConnection(String which, String reason) {
        requireOpen("closeConnection(\"" + which + "\")");
        return broker.closeConnection(which, reason);
    }

    /** Closes every client connection as {@link #closeConnection} does; how many there were. */
    public int closeAllConnections(String reason) {
        requireOpen("closeAllConnections()");
        return broker.closeAllConnections(reason);
    }

    /**
     * Adds a user, as {@code rabbitmqctl add_user} does: it logs in with {@code password} and may do
     * only what {@link #setPermissions} allows it, per virtual host; without permissions on a
     * virtual host it cannot open it (530 {@code NOT_ALLOWED - access to vhost '/' refused for user
     * 'alice'}), and an operation its permissions do not cover closes the channel with RabbitMQ's
     * 403 {@code ACCESS_REFUSED - access to queue 'q' in vhost '/' refused for user 'alice'}. The
     * broker's own user ({@link #username()}) may still do everything everywhere.
     *
     * @throws IllegalArgumentException if a user of that name exists
     */
    public void addUser(String user, String password) {
        requireOpen("addUser(\"" + user + "\")");
        if (!broker.addUser(user, password)) {
            throw new IllegalArgumentException("User '" + user + "' already exists");
        }
    }

    /** Deletes a user {@link #addUser} added, closing its connections; false if there was none. */
    public boolean deleteUser(String user) {
        requireOpen("deleteUser(\"" + user + "\")");
        return broker.deleteUser(user);
    }

    /**
     * Sets what {@code user} may do in {@code virtualHost}, as {@code rabbitmqctl set_permissions}
     * does: three regular expressions, found in the names of the queues and exchanges an operation
     * touches ({@code ""} allows nothing, {@code ".*"} everything; the default exchange is
     * {@code amq.default}): {@code configure} to declare and delete them, {@code write} to publish to
     * an exchange and bind a queue, {@code read} to consume, get and purge and to bind from an exchange.
     *
     * @throws IllegalArgumentException if the user was not added, a pattern is not a regular
     *                                  expression, or there is no such virtual host
     */
    public void setPermissions(String virtualHost, String user, String configure, String write, String read) {
        requireOpen("setPermissions(\"" + virtualHost + "\", \"" + user + "\")");
        broker.setPermissions(virtualHost, user, configure, write, read);
    }

    /** Takes away what {@code user} may do in {@code virtualHost}; false if it had no permissions there. */
    public boolean clearPermissions(String virtualHost, String user) {
        requireOpen("clearPermissions(\"" + virtualHost + "\", \"" + user + "\")");
        return broker.clearPermissions(virtualHost, user);
    }

    /** The resources RabbitMQ raises an alarm for when it runs short of them. */
    public enum Alarm {
        MEMORY, DISK
    }

    /**
     * Raises a resource alarm, as RabbitMQ does when it runs short of memory or disk space: each
     * connection that publishes from then on is sent {@code connection.blocked} with RabbitMQ's reason
     * ({@code low on memory}, {@code low on disk}) and is not read from until every alarm is
     * {@linkplain #clearAlarm cleared}, when it is sent {@code connection.unblocked} and what it sent
     * meanwhile is processed. Connections that only consume carry on. For testing what an application
     * does when the broker blocks it ({@code Connection.addBlockedListener}).
     */
    public void raiseAlarm(Alarm alarm) {
        requireOpen("raiseAlarm(" + alarm + ")");
        broker.raiseAlarm(alarm.name().toLowerCase(Locale.ROOT));
    }

    /** Clears an alarm {@link #raiseAlarm} raised; a cleared one is ignored. */
    public void clearAlarm(Alarm alarm) {
        requireOpen("clearAlarm(" + alarm + ")");
        broker.clearAlarm(alarm.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Replaces the tags of {@code user}, as {@code rabbitmqctl set_user_tags} does. Of RabbitMQ's
     * tags only {@code impersonator} changes what clients see: connections that log in as
     * {@code user} afterwards may publish messages whose user-id names another user (without it,
     * such a publish is refused with 406, as RabbitMQ refuses it). The user starts as {@code administrator}.
     *
     * @throws IllegalArgumentException if the broker has no such user
     */
    public void setUserTags(String user, String... tags) {
        requireOpen("setUserTags(\"" + user + "\")");
        broker.setUserTags(user, List.of(tags));
    }

    /** The tags of {@code user}, as {@code rabbitmqctl list_users} shows them. */
    public List<String> userTags(String user) {
        requireOpen("userTags(\"" + user + "\")");
        return broker.userTags(user);
    }

    /**
     * Sets {@code policy} in {@code virtualHost}, as {@code rabbitmqctl set_policy} does: it applies
     * at once to the queues and exchanges it matches, and to those declared later, until
     * {@link #clearPolicy} (a policy of the same name is replaced). See {@link AmqpPolicy} for the
     * keys it can set.
     *
     * @throws IllegalArgumentException if the pattern, a key or a value is one RabbitMQ would refuse,
     *                                  or the sandbox does not apply a key; or there is no such virtual host
     */
    public void setPolicy(String virtualHost, AmqpPolicy policy) {
        requireOpen("setPolicy(\"" + virtualHost + "\", \"" + policy.name() + "\")");
        broker.setPolicy(virtualHost, policy.name(), policy.pattern(), policy.definition(), policy.priority(),
                policy.appliesTo().rabbitName());
    }

    /**
     * Clears policy {@code name} of {@code virtualHost}, as {@code rabbitmqctl clear_policy} does: what it
     * set goes back to what the queues and exchanges were declared with (or another policy's values).
     *
     * @return whether there was such a policy
     */
    public boolean clearPolicy(String virtualHost, String name) {
        requireOpen("clearPolicy(\"" + virtualHost + "\", \"" + name + "\")");
        return broker.clearPolicy(virtualHost, name);
    }

    /** The policies of {@code virtualHost}, by name, as {@code rabbitmqctl list_policies} lists them. */
    public List<AmqpPolicy> policies(String virtualHost) {
        requireOpen("policies(\"" + virtualHost + "\")");
        return broker.policies(virtualHost).stream().map(AmqpPolicy::of).toList();
    }

    /**
     * Stops the broker as {@code rabbitmqctl stop_app} stops RabbitMQ: every client connection is
     * closed (320 {@code CONNECTION_FORCED}), and new ones are refused until {@link #start()}, which
     * brings back what a restarted RabbitMQ keeps: durable queues and exchanges, their bindings and
     * persistent messages; non-durable queues and exchanges and transient messages are gone. The
     * broker's process keeps running: to test recovery from disk, start a new sandbox on the same
     * {@linkplain Sandbox.Builder#dataDirectory data directory}.
     */
    public void stop() {
        nodeOperation("stop", broker::stopApp);
    }

    /** Starts what {@link #stop()} stopped, as {@code rabbitmqctl start_app} does; returns once clients can connect. */
    public void start() {
        nodeOperation("start", broker::startApp);
    }

    /** {@link #stop()}, then {@link #start()}. */
    public void restart() {
        stop();
        start();
    }

    private void nodeOperation(String name, Runnable operation) {
        requireOpen(name + "()");
        try {
            operation.run();
        } catch (NotOnExternalBrokersException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SandboxException("Could not " + name + " the AMQP broker: " + rootMessage(e), e);
        }
    }

    /** Fails at once on a closed broker, saying so, rather than with a refused connection later. */
    private void requireOpen(String operation) {
        if (closed) {
            throw new IllegalStateException("AMQP broker on " + host + " is closed: " + operation
                    + " needs a running sandbox; start a new one");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (managementServer != null) {
            managementServer.close();
        }
        try {
            broker.close();
        } finally {
            if (trustStore != null) {
                trustStore.release();
            }
        }
    }

    private static String encode(String virtualHost) {
        return URLEncoder.encode(virtualHost, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

}
