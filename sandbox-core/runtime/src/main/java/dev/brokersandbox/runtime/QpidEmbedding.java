package dev.brokersandbox.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import javax.security.auth.Subject;

import dev.brokersandbox.runtime.journal.JournalVirtualHost;
import dev.brokersandbox.runtime.rabbit.ClientConnections;
import dev.brokersandbox.runtime.rabbit.DeclaredArguments;
import dev.brokersandbox.runtime.rabbit.NodeControl;
import dev.brokersandbox.runtime.rabbit.Permissions;
import dev.brokersandbox.runtime.rabbit.Policies;
import dev.brokersandbox.runtime.rabbit.QpidPrivateFields;
import dev.brokersandbox.runtime.rabbit.RabbitEngineCreator;
import dev.brokersandbox.runtime.rabbit.RabbitNodes;
import dev.brokersandbox.runtime.rabbit.ResourceAlarms;
import dev.brokersandbox.runtime.rabbit.ResourceNames;
import dev.brokersandbox.runtime.rabbit.UserTags;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.configuration.CommonProperties;
import org.apache.qpid.server.model.AlternateBinding;
import org.apache.qpid.server.model.AuthenticationProvider;
import org.apache.qpid.server.model.Binding;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Exchange;
import org.apache.qpid.server.model.ExclusivityPolicy;
import org.apache.qpid.server.model.LifetimePolicy;
import org.apache.qpid.server.model.PasswordCredentialManagingAuthenticationProvider;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.model.VirtualHostNode;

/**
 * Everything that depends on Qpid Broker-J's internals, in one place so that a Qpid upgrade
 * touches one file: the generated initial configuration, {@link SystemLauncher}, the bound-port
 * lookup and virtual host management through Qpid's object model. One instance is one broker.
 */
public final class QpidEmbedding implements AutoCloseable {

    private static final String AMQP_PORT_NAME = "AMQP";
    private static final String DEFAULT_VHOST = ResourceNames.QPID_DEFAULT_VHOST;
    private static final Duration MODEL_CHANGE_TIMEOUT = Duration.ofSeconds(30);

    private final SystemLauncher launcher;
    private final Broker<?> broker;
    private final Subject systemSubject;
    private final int port;
    private final String username;
    private final String password;
    private final String tlsCaCertificate;
    private boolean closed;

    private QpidEmbedding(SystemLauncher launcher, Broker<?> broker, int port, String username, String password,
                          String tlsCaCertificate) {
        this.launcher = launcher;
        this.broker = broker;
        this.port = port;
        this.username = username;
        this.password = password;
        this.tlsCaCertificate = tlsCaCertificate;
        this.systemSubject = new Subject(true, Set.of(launcher.getSystemPrincipal()), Set.of(), Set.of());
    }

    /**
     * Starts a broker with an in-memory configuration: one AMQP port on 127.0.0.1, PLAIN
     * authentication for one user, and a default virtual host reachable as {@code /}.
     *
     * @param workDir a directory this broker owns (Qpid wants one even when all stores are in memory)
     * @param host the address the AMQP port binds
     * @param advertisedHost the host clients connect to, named in the TLS certificate
     * @param amqpPort the AMQP port, 0 for an ephemeral one
     * @param storeDir where the default virtual host keeps durable queues and persistent messages,
     *                 or null to keep them in memory
     * @param tls whether the port speaks TLS only (amqps), with a certificate of the JVM's {@link CertificateAuthority}
     */
    public static QpidEmbedding start(Path workDir, String host, String advertisedHost, int amqpPort, String username,
                                      String password, Path storeDir, boolean tls) {
        Path configFile = workDir.resolve("initial-config.json");
        QpidTls keyStore = tls ? QpidTls.create(workDir, List.of(advertisedHost, host, "localhost", "127.0.0.1")) : null;
        write(configFile, initialConfig(host, amqpPort, username, password, storeDir, keyStore));

        AtomicReference<SystemConfig<?>> systemConfig = new AtomicReference<>();
        AtomicReference<RuntimeException> startupError = new AtomicReference<>();
        SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
            @Override
            public void onContainerResolve(SystemConfig<?> config) {
                systemConfig.set(config);
            }

            @Override
            public void errorOnStartup(RuntimeException e) {
                startupError.set(e);
            }
        });

        Map<String, Object> attributes = new HashMap<>();
        attributes.put(SystemConfig.TYPE, "Memory");
        attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, configFile.toUri().toString());
        // Without one, Qpid reads its defaults from "classpath:system.properties", a URL scheme whose
        // handler the JDK only looks for on the system class loader, which the runtime is not on.
        Path systemProperties = workDir.resolve("system.properties");
        write(systemProperties, "");
        attributes.put("initialSystemPropertiesLocation", systemProperties.toUri().toString());
        attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
        // Qpid's default preference store writes a JSON file into the work dir; nothing to keep here.
        attributes.put("preferenceStoreAttributes", "{\"type\": \"Noop\"}");
        attributes.put(SystemConfig.CONTEXT, context(workDir, storeDir));
        // RabbitMQ's behaviour where Qpid's 0-9-1 layer differs: our protocol engine replaces Qpid's.
        System.setProperty(RabbitEngineCreator.DISABLE_QPIDS_OWN, "true");
        // Qpid enqueues a persistent message once its store transaction completes and, unless told
        // otherwise, a transient one at once: a transient message could overtake persistent ones
        // published before it on the same queue. RabbitMQ keeps publish order.
        System.setProperty("qpid.strict_order_with_mixed_delivery_mode", "true");
        // Qpid asks every key store type whether it is available; the auto-generated self-signed one
        // answers by building a BouncyCastle provider: ~700 classes and ~0.8 s of CPU at each cold
        // start, for a key store type the sandbox never configures.
        System.setProperty("qpid.type.disabled:keystore.AutoGeneratedSelfSigned", "true");
        QpidHousekeeping.neverHaltTheJvm();
        try {
            launcher.startup(attributes);
            Broker<?> broker = systemConfig.get() == null ? null : (Broker<?>) systemConfig.get().getContainer();
            if (broker == null) {
                // Qpid reports some failures (a store locked by another broker) only to its listener.
                throw startupError.get() != null ? startupError.get()
                        : new IllegalStateException("Qpid started without a broker and reported no error");
            }
            QpidPrivateFields.removeShutdownHook(broker);
            QpidEmbedding embedding = new QpidEmbedding(launcher, broker, boundAmqpPort(broker, amqpPort), username, password,
                    keyStore == null ? null : keyStore.caCertificate());
            embedding.addRabbitExchanges(DEFAULT_VHOST);
            return embedding;
        } catch (Exception e) {
            // A failed start leaves Qpid's non-daemon config thread running: it would keep the JVM alive.
            launcher.shutdown();
            RabbitNodes.forget(systemConfig.get() == null ? null : (Broker<?>) systemConfig.get().getContainer());
            throw new IllegalStateException("Qpid Broker-J did not start: " + rootMessage(e), e);
        }
    }

    /** The version of Qpid Broker-J inside. */
    public static String version() {
        // Qpid's own record of its version: a jar manifest's does not survive the runtime jar's merge.
        return CommonProperties.getReleaseVersion();
    }

    public int port() {
        return port;
    }

    /** The PEM certificate of the authority clients must trust, or null when the port speaks no TLS. */
    public String tlsCaCertificate() {
        return tlsCaCertificate;
    }

    /** Creates an in-memory virtual host reachable under {@code name}. */
    public void createVirtualHost(String name) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(VirtualHostNode.NAME, name);
        attributes.put(VirtualHostNode.TYPE, "Memory");
        attributes.put(VirtualHostNode.VIRTUALHOST_INITIAL_CONFIGURATION, "{\"type\": \"Memory\"}");
        asSystem(() -> await(broker.createChildAsync(VirtualHostNode.class, attributes), "creating virtual host " + name));
        addRabbitExchanges(name);
    }

    /** RabbitMQ has amq.headers beside amq.match; Qpid only the latter. Names starting amq. need the system's rights. */
    private void addRabbitExchanges(String nodeName) {
        VirtualHost<?> host = awaitVirtualHost(nodeName);
        if (host.getChildByName(Exchange.class, "amq.headers") != null) {
            return; // kept from an earlier run in a data directory
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(Exchange.NAME, "amq.headers");
        attributes.put(Exchange.TYPE, "headers");
        attributes.put(Exchange.DURABLE, true);
        asSystem(() -> await(host.createChildAsync(Exchange.class, attributes), "creating exchange amq.headers"));
    }

    private VirtualHost<?> awaitVirtualHost(String nodeName) {
        VirtualHostNode<?> node = broker.getChildByName(VirtualHostNode.class, nodeName);
        long deadline = System.nanoTime() + MODEL_CHANGE_TIMEOUT.toNanos();
        while (node == null || node.getVirtualHost() == null || node.getVirtualHost().getState() != State.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Qpid's virtual host " + nodeName + " did not become active within "
                        + MODEL_CHANGE_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Qpid's virtual host " + nodeName, e);
            }
            node = broker.getChildByName(VirtualHostNode.class, nodeName);
        }
        return node.getVirtualHost();
    }

    /** Deletes the virtual host {@code name} and every queue, exchange and message in it. */
    public boolean deleteVirtualHost(String name) {
        VirtualHostNode<?> node = broker.getChildByName(VirtualHostNode.class, name);
        if (node == null) {
            return false;
        }
        asSystem(() -> await(node.deleteAsync(), "deleting virtual host " + name));
        return true;
    }

    /** Qpid's own synchronous calls wait for its configuration thread without a bound. */
    private static <T> T await(CompletableFuture<T> change, String what) throws Exception {
        try {
            return change.get(MODEL_CHANGE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Qpid did not finish " + what + " within "
                    + MODEL_CHANGE_TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /**
     * The queues, exchanges and bindings of virtual host {@code name}, or null if there is none:
     * under {@code queues} (name, durable, auto_delete, exclusive, arguments, messages,
     * messages_unacknowledged, consumers), {@code exchanges} (name, type, durable, auto_delete,
     * arguments) and {@code bindings} (exchange, queue, routingKey, arguments). Plain maps, as
     * everything that leaves the runtime.
     */
    public Map<String, List<Map<String, Object>>> overview(String name) {
        VirtualHostNode<?> node = broker.getChildByName(VirtualHostNode.class, nodeName(name));
        VirtualHost<?> host = node == null ? null : node.getVirtualHost();
        if (host == null) {
            return null;
        }
        List<Map<String, Object>> queues = new ArrayList<>();
        for (Queue<?> q : host.getChildren(Queue.class)) {
            Map<String, Object> queue = new HashMap<>();
            queue.put("name", q.getName());
            queue.put("durable", q.isDurable());
            queue.put("auto_delete", q.getLifetimePolicy() != LifetimePolicy.PERMANENT);
            queue.put("exclusive", q.getExclusive() != ExclusivityPolicy.NONE);
            queue.put("arguments", DeclaredArguments.of(q));
            // Qpid's depth counts delivered, unacknowledged messages too, as RabbitMQ's "messages" does.
            queue.put("messages", q.getQueueDepthMessages());
            queue.put("messages_unacknowledged", q.getUnacknowledgedMessages());
            queue.put("consumers", q.getConsumerCount());
            queues.add(queue);
        }
        List<Map<String, Object>> exchanges = new ArrayList<>();
        List<Map<String, Object>> bindings = new ArrayList<>();
        for (Exchange<?> e : host.getChildren(Exchange.class)) {
            AlternateBinding alternate = e.getAlternateBinding();
            exchanges.add(Map.of("name", e.getName(), "type", e.getType(), "durable", e.isDurable(),
                    "auto_delete", e.getLifetimePolicy() != LifetimePolicy.PERMANENT,
                    "arguments", alternate == null ? Map.of() : Map.of("alternate-exchange", alternate.getDestination())));
            for (Binding b : e.getBindings()) {
                bindings.add(Map.of("exchange", e.getName(), "queue", b.getDestination(),
                        "routingKey", b.getBindingKey(),
                        "arguments", b.getArguments() == null ? Map.of() : new HashMap<>(b.getArguments())));
            }
        }
        return Map.of("queues", queues, "exchanges", exchanges, "bindings", bindings);
    }

    /** The names of the virtual hosts, {@code /} for Qpid's default one. */
    public List<String> virtualHosts() {
        List<String> names = new ArrayList<>();
        for (VirtualHostNode<?> node : broker.getChildren(VirtualHostNode.class)) {
            names.add(DEFAULT_VHOST.equals(node.getName()) ? "/" : node.getName());
        }
        return names;
    }

    /** Whether {@code user} logs in with {@code password}: the broker's own user, or one {@link #addUser} added. */
    public boolean authenticate(String user, String password) {
        return username.equals(user) ? this.password.equals(password) : Permissions.hasPassword(broker, user, password);
    }

    /** Whether {@code user} may open {@code virtualHost}: the broker's own user everywhere, others once given permissions. */
    public boolean hasPermissions(String virtualHost, String user) {
        return username.equals(user) || Permissions.has(broker, user, virtualHost);
    }

    /** RabbitMQ's {@code /} is Qpid's default node, reached through the default alias. */
    private static String nodeName(String virtualHost) {
        return "/".equals(virtualHost) ? DEFAULT_VHOST : virtualHost;
    }

    /** The open client connections; see {@link ClientConnections#list}. */
    public List<Map<String, Object>> connections() {
        return ClientConnections.list(broker);
    }

    /** Closes the connection {@code which} names with 320 CONNECTION_FORCED; see {@link ClientConnections#close}. */
    public boolean closeConnection(String which, String reason) {
        return ClientConnections.close(broker, which, reason);
    }

    public int closeAllConnections(String reason) {
        return ClientConnections.closeAll(broker, reason);
    }

    /** {@code rabbitmqctl stop_app}; see {@link NodeControl#stop}. */
    public void stopApp() {
        asSystem(() -> {
            NodeControl.stop(broker);
            return null;
        });
    }

    /** {@code rabbitmqctl start_app}; see {@link NodeControl#start}. */
    public void startApp() {
        asSystem(() -> {
            NodeControl.start(broker);
            return null;
        });
    }

    /** Raises RabbitMQ's resource alarm for {@code resource} (memory or disk); see {@link ResourceAlarms}. */
    public void raiseAlarm(String resource) {
        ResourceAlarms.raise(broker, resource);
    }

    /** Clears the alarm {@link #raiseAlarm} raised. */
    public void clearAlarm(String resource) {
        ResourceAlarms.clear(broker, resource);
    }

    /** {@code rabbitmqctl add_user}: a user that logs in with PLAIN or AMQPLAIN and may do what {@link Permissions} say. */
    public boolean addUser(String user, String password) {
        if (Permissions.isChecked(broker, user) && Permissions.hasPassword(broker, user, password)) {
            return false;
        }
        if (username.equals(user) || Permissions.isChecked(broker, user)) {
            throw new IllegalArgumentException("User '" + user + "' already exists" + (username.equals(user)
                    ? ": it is the broker's own user" : ", with another password"));
        }
        asSystem(() -> plainProvider().createUser(user, password, Map.of()));
        Permissions.addUser(broker, user, password);
        UserTags.set(broker, user, List.of()); // RabbitMQ's add_user gives none
        return true;
    }

    /** {@code rabbitmqctl delete_user}: its connections are closed, as RabbitMQ closes them. */
    public boolean deleteUser(String user) {
        if (!Permissions.isChecked(broker, user)) {
            return false;
        }
        Permissions.deleteUser(broker, user);
        asSystem(() -> {
            plainProvider().deleteUser(user);
            return null;
        });
        for (Map<String, Object> connection : ClientConnections.list(broker)) {
            if (user.equals(connection.get("user"))) {
                ClientConnections.close(broker, (String) connection.get("id"), "user '" + user + "' was deleted");
            }
        }
        return true;
    }

    /** {@code rabbitmqctl set_permissions}; see {@link Permissions}. */
    public void setPermissions(String virtualHost, String user, String configure, String write, String read) {
        existingVirtualHost(virtualHost);
        Permissions.set(broker, user, virtualHost, configure, write, read);
    }

    /** {@code rabbitmqctl clear_permissions}. */
    public boolean clearPermissions(String virtualHost, String user) {
        return Permissions.clear(broker, user, virtualHost);
    }

    private PasswordCredentialManagingAuthenticationProvider<?> plainProvider() {
        return (PasswordCredentialManagingAuthenticationProvider<?>) broker.getChildByName(AuthenticationProvider.class,
                "plain");
    }

    /** {@code rabbitmqctl set_user_tags}; see {@link UserTags}. */
    public void setUserTags(String user, List<String> tags) {
        UserTags.set(broker, existingUser(user), tags);
    }

    /** {@code rabbitmqctl list_users}: the tags of {@code user}. */
    public List<String> userTags(String user) {
        return UserTags.of(broker, existingUser(user));
    }

    private String existingUser(String user) {
        if (!username.equals(user) && !Permissions.isChecked(broker, user)) {
            throw new IllegalArgumentException("User '" + user + "' does not exist; the sandbox has its own user '"
                    + username + "' and those added with addUser");
        }
        return user;
    }

    /** {@code rabbitmqctl set_policy}; see {@link Policies}. IllegalArgumentException says what is wrong with it. */
    public void setPolicy(String virtualHost, String name, String pattern, Map<String, Object> definition,
                          int priority, String applyTo) {
        VirtualHost<?> host = existingVirtualHost(virtualHost);
        asSystem(() -> {
            Policies.set(host, name, pattern, definition, priority, applyTo);
            return null;
        });
    }

    /** {@code rabbitmqctl clear_policy}; false if {@code virtualHost} has no policy {@code name}. */
    public boolean clearPolicy(String virtualHost, String name) {
        VirtualHost<?> host = existingVirtualHost(virtualHost);
        return asSystem(() -> Policies.clear(host, name));
    }

    /** {@code rabbitmqctl list_policies}; see {@link Policies#list}. */
    public List<Map<String, Object>> policies(String virtualHost) {
        return Policies.list(existingVirtualHost(virtualHost));
    }

    private VirtualHost<?> existingVirtualHost(String name) {
        VirtualHostNode<?> node = broker.getChildByName(VirtualHostNode.class, nodeName(name));
        VirtualHost<?> host = node == null ? null : node.getVirtualHost();
        if (host == null) {
            throw new IllegalArgumentException("Virtual host '" + name + "' does not exist");
        }
        return host;
    }

    public boolean hasVirtualHost(String name) {
        return broker.getChildByName(VirtualHostNode.class, name) != null;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        launcher.shutdown();
        RabbitNodes.forget(broker);
    }

    private <T> T asSystem(PrivilegedExceptionAction<T> action) {
        try {
            return Subject.doAs(systemSubject, action);
        } catch (java.security.PrivilegedActionException e) {
            throw new IllegalStateException(rootMessage(e.getException()), e.getException());
        } catch (IllegalArgumentException e) {
            throw e; // says what the caller got wrong, in words of ours
        } catch (RuntimeException e) {
            throw new IllegalStateException(rootMessage(e), e);
        }
    }

    /** Qpid starts even when its port cannot bind: the port is then left in state ERRORED. */
    private static int boundAmqpPort(Broker<?> broker, int requested) {
        for (Port<?> p : broker.getPorts()) {
            if (AMQP_PORT_NAME.equals(p.getName())) {
                if (p.getState() != State.ACTIVE) {
                    throw new IllegalStateException(new BindException("Qpid could not listen on port "
                            + requested + " (its AMQP port is " + p.getState() + ")"));
                }
                return p.getBoundPort();
            }
        }
        throw new IllegalStateException("Qpid started without its " + AMQP_PORT_NAME + " port");
    }

    private static Map<String, String> context(Path workDir, Path storeDir) {
        Map<String, String> context = new HashMap<>();
        context.put(SystemConfig.QPID_WORK_DIR, workDir.toString());
        // RabbitMQ discards (or dead-letters) a message rejected or nacked without requeue; Qpid
        // requeues it unless the delivery limit is reached. Reject/nack are the only paths that read it.
        context.put("queue.maximumDeliveryAttempts", "1");
        // RabbitMQ accepts declare arguments it does not know (an application's own) and ignores those of
        // other queue types; Qpid closes the connection. x-queue-mode and x-delivery-limit have no effect here.
        context.put("queue.behaviourOnUnknownDeclareArgument", "IGNORE");
        context.put("exchange.behaviourOnUnknownDeclareArgument", "IGNORE");
        // RabbitMQ dead-letters expired messages to the queue's dead-letter exchange.
        context.put("queue.defaultExpiryPolicy", "ROUTE_TO_ALTERNATE");
        // RabbitMQ removes a message from a queue as it expires; Qpid when a consumer reaches it or its
        // housekeeping (every 30 s) looks. Every 100 ms is soon enough to watch, and cheap for a few queues.
        context.put("virtualhost.housekeepingCheckPeriod", "100");
        // RabbitMQ's limit (128 MiB) is above Qpid's (100 MiB) and refused otherwise (406 on the channel,
        // not 311 on the connection): the adapter applies it, so Qpid's own must not come first.
        context.put("qpid.max_message_size", String.valueOf(Integer.MAX_VALUE));
        if (storeDir != null) {
            context.put(JournalVirtualHost.JOURNAL_PATH, storeDir.resolve("messages.journal").toString());
        }
        // Qpid's defaults size thread pools for a server (about 70 threads); these keep it near 13.
        context.put("qpid.port.amqp.threadPool.size", "4");
        context.put("qpid.port.amqp.threadPool.numberOfSelectors", "1");
        context.put("virtualhost.connectionThreadPool.size", "2");
        context.put("virtualhost.connectionThreadPool.numberOfSelectors", "1");
        context.put("virtualhost.housekeepingThreadCount", "1");
        context.put("broker.housekeepingThreadCount", "1");
        return context;
    }

    private static String initialConfig(String host, int amqpPort, String username, String password, Path storeDir,
                                        QpidTls tls) {
        return """
                {
                  "name": "broker-sandbox",
                  "modelVersion": "9.1",
                  "authenticationproviders": [ {
                    "name": "plain",
                    "type": "Plain",
                    "secureOnlyMechanisms": [],
                    "users": [ { "name": %s, "type": "managed", "password": %s } ]
                  } ],%s
                  "ports": [ {%s
                    "name": "%s",
                    "port": %d,
                    "bindingAddress": "%s",
                    "authenticationProvider": "plain",
                    "protocols": [ "AMQP_0_9_1" ],
                    "virtualhostaliases": [
                      { "name": "nameAlias", "type": "nameAlias" },
                      { "name": "defaultAlias", "type": "defaultAlias" }
                    ]
                  } ],
                  "virtualhostnodes": [ %s ]
                }
                """.formatted(json(username), json(password), tls == null ? "" : tls.keyStoreJson(),
                tls == null ? "" : tls.portJson(), AMQP_PORT_NAME, amqpPort, host, defaultNode(storeDir));
    }

    private static String defaultNode(Path storeDir) {
        if (storeDir == null) {
            return """
                    {
                        "name": "%s",
                        "type": "Memory",
                        "defaultVirtualHostNode": "true",
                        "virtualHostInitialConfiguration": "{\\"type\\": \\"Memory\\"}"
                      }""".formatted(DEFAULT_VHOST);
        }
        // Qpid's JSON node keeps the durable queues, exchanges and bindings; the journal keeps the messages.
        return """
                {
                    "name": "%s",
                    "type": "JSON",
                    "storePath": %s,
                    "defaultVirtualHostNode": "true",
                    "virtualHostInitialConfiguration": "{\\"type\\": \\"%s\\"}"
                  }""".formatted(DEFAULT_VHOST, json(storeDir.resolve("config").toString()), JournalVirtualHost.TYPE);
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write Qpid's initial configuration to " + file, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (cause: " + root + ")";
    }
}
