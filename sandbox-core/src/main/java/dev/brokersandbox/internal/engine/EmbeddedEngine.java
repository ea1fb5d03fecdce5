package dev.brokersandbox.internal.engine;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.brokersandbox.SandboxException;
import dev.brokersandbox.SandboxOptions;
import dev.brokersandbox.internal.CacheDirectory;
import dev.brokersandbox.internal.DataDirs;
import dev.brokersandbox.internal.Ports;
import dev.brokersandbox.internal.TempDirs;

/**
 * The brokers in this JVM, in a classloader of their own that shares nothing with the test's
 * classpath but the JDK: Kafka's server, Scala, the broker's own kafka-clients, Qpid, Jackson and
 * the RabbitMQ adapter never meet the user's kafka-clients, Jackson or SLF4J. Their log lines
 * come back to the user's SLF4J ({@link Slf4jLoggers}). One runtime per JVM, loaded when the
 * first broker starts; every embedded broker of the JVM runs in it.
 */
public final class EmbeddedEngine implements Engine {

    private static final String ENTRY_POINT = "dev.brokersandbox.runtime.BrokerRuntime";
    private static EmbeddedEngine instance;

    private final RuntimeApi runtime;

    private EmbeddedEngine(RuntimeApi runtime) {
        this.runtime = runtime;
    }

    /** The JVM's embedded engine, loading the brokers' runtime on first use. */
    public static synchronized EmbeddedEngine get() {
        if (instance == null) {
            instance = new EmbeddedEngine(load());
        }
        return instance;
    }

    private static RuntimeApi load() {
        RuntimeBundle bundle = RuntimeBundle.onClasspath();
        List<Path> jars = RuntimeCache.unpacked(bundle, CacheDirectory.root());
        URL[] urls = new URL[jars.size()];
        try {
            for (int i = 0; i < urls.length; i++) {
                urls[i] = jars.get(i).toUri().toURL();
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException("A file path is always a URL", e);
        }
        // Parent: the platform class loader, so the JDK is all the runtime shares with the test.
        ClassLoader loader = new URLClassLoader("broker-sandbox-runtime", urls, ClassLoader.getPlatformClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader callers = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Object entry = Class.forName(ENTRY_POINT, true, loader).getConstructor(Function.class)
                    .newInstance(new Slf4jLoggers());
            return Bridge.to(RuntimeApi.class, entry, loader);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new SandboxException("Could not load the brokers' runtime " + bundle.version() + " from "
                    + bundle.location() + ": " + e + ". Its jars are unpacked in " + jars.get(0).getParent()
                    + "; delete that directory to unpack them again.", e);
        } finally {
            thread.setContextClassLoader(callers);
        }
    }

    @Override
    public KafkaEngine startKafka(SandboxOptions options) {
        Path dataDirectory = options.dataDirectory();
        Path logDir = dataDirectory == null ? TempDirs.create("kafka") : DataDirs.create(dataDirectory, "kafka");
        Runnable cleanUp = dataDirectory == null ? () -> TempDirs.deleteQuietly(logDir) : () -> { };
        try {
            KafkaEngine kafka = runtime.startKafka(logDir, options.kafkaBrokers(), options.kafkaPort(),
                    options.bindAddress(), Ports.advertisedHost(options.bindAddress()), options.tls(),
                    options.kafkaSasl() == null ? null : options.kafkaSasl().mechanismName(), users(options));
            return Bridge.afterClose(KafkaEngine.class, kafka, cleanUp);
        } catch (RuntimeException | Error e) {
            cleanUp.run();
            throw e;
        }
    }

    /** Name to password, in the order declared; a plain map, as everything that crosses into the runtime. */
    private static Map<String, String> users(SandboxOptions options) {
        Map<String, String> users = new LinkedHashMap<>();
        options.kafkaUsers().forEach(user -> users.put(user.name(), user.password()));
        return users;
    }

    @Override
    public AmqpEngine startAmqp(SandboxOptions options, String username, String password) {
        // Qpid wants a work directory even when its data lives elsewhere.
        Path workDir = TempDirs.create("qpid");
        try {
            Path store = options.dataDirectory() == null ? null : DataDirs.create(options.dataDirectory(), "amqp");
            AmqpEngine amqp = runtime.startAmqp(workDir, options.bindAddress(), Ports.advertisedHost(options.bindAddress()),
                    options.amqpPort(), username, password, store, options.tls());
            return Bridge.afterClose(AmqpEngine.class, amqp, () -> TempDirs.deleteQuietly(workDir));
        } catch (RuntimeException | Error e) {
            TempDirs.deleteQuietly(workDir);
            throw e;
        }
    }

    /** {@code kafka} and {@code qpid}: the versions of the brokers this engine runs. */
    public Map<String, String> versions() {
        return runtime.versions();
    }
}
