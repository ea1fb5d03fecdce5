package dev.brokersandbox.internal.engine;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.WeakHashMap;

import dev.brokersandbox.ExternalBrokers;
import dev.brokersandbox.SandboxException;
import dev.brokersandbox.internal.CacheDirectory;
import dev.brokersandbox.internal.Json;
import dev.brokersandbox.internal.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reuse mode: one launcher ({@code java -jar broker-sandbox.jar --reuse}) keeps both brokers running
 * on this machine, and test JVMs attach to it through external mode instead of starting brokers.
 * It is found through a state file in the user's cache directory (its version, pid, ports, number
 * of Kafka brokers and where it takes topic work), which it writes once it is ready and removes when it stops. A stale file (its pid is gone), a
 * launcher of another version or one that does not answer is detected and reported, never waited on.
 * JVMs look for it and start it one at a time ({@link ReuseLock}), so two started together share one.
 */
public final class ReuseLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ReuseLauncher.class);
    static final String STATE_FILE = "reuse-launcher.json";
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration ANSWER = Duration.ofSeconds(3);
    /** Another JVM holds the lock for at most a launcher's start and one answer. */
    private static final Duration LOCK_WAIT = START.plus(ANSWER).plusSeconds(10);
    private static final String MAIN = "dev.brokersandbox.standalone.Launcher";

    private ReuseLauncher() {
    }

    /**
     * What a reuse launcher writes about itself.
     *
     * @param kafkaBrokers its number of Kafka brokers; 0 when a state file of an older launcher does not say
     * @param topicsPath where its status port takes topic work ({@link RemoteTopics}); null when it does not
     */
    public record State(String version, long pid, String kafkaBootstrapServers, int kafkaBrokers, int amqpPort,
                        int statusPort, String topicsPath) {

        ExternalBrokers brokers() {
            ExternalBrokers brokers = ExternalBrokers.builder().kafka(kafkaBootstrapServers, Map.of())
                    .amqp("amqp://guest:guest@127.0.0.1:" + amqpPort + "/%2F", statusUrl()).build();
            HANDED_OUT.put(brokers, this);
            return brokers;
        }

        String statusUrl() {
            return "http://127.0.0.1:" + statusPort;
        }
    }

    /** Where a reuse launcher takes topic work from the test JVMs attached to it. */
    public static final String TOPICS_PATH = "/sandbox/topics";

    /**
     * The brokers handed out by {@link #attach()}, with the launcher that runs them: what it said of
     * itself spares a fresh test JVM a Kafka Admin client (~0.3-1 s of class loading, a connection and
     * round trips before its first test). Weak keys, compared by identity.
     */
    private static final Map<ExternalBrokers, State> HANDED_OUT = Collections.synchronizedMap(new WeakHashMap<>());

    /** The number of Kafka brokers of {@code brokers} if they are a reuse launcher's, which said it. */
    static OptionalInt knownKafkaBrokers(ExternalBrokers brokers) {
        State launcher = HANDED_OUT.get(brokers);
        return launcher == null || launcher.kafkaBrokers() <= 0 ? OptionalInt.empty() : OptionalInt.of(launcher.kafkaBrokers());
    }

    /** The topic work of the reuse launcher that runs {@code brokers}; null for other brokers, or a launcher that offers none. */
    static RemoteTopics remoteTopics(ExternalBrokers brokers) {
        State launcher = HANDED_OUT.get(brokers);
        return launcher == null || launcher.topicsPath() == null ? null
                : new LauncherTopics(launcher.statusUrl(), launcher.topicsPath(), launcher.pid());
    }

    public static Path stateFile() {
        return CacheDirectory.root().resolve(STATE_FILE);
    }

    /** The version of this sandbox: the runtime bundle's, which a reuse launcher must match. */
    public static String version() {
        return RuntimeBundle.onClasspath().version();
    }

    /** Written by the launcher once both brokers are ready; atomically, so a reader never sees half of it. */
    public static void register(State state) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", state.version());
        json.put("pid", state.pid());
        json.put("kafka", state.kafkaBootstrapServers());
        json.put("kafkaBrokers", state.kafkaBrokers());
        json.put("amqpPort", state.amqpPort());
        json.put("statusPort", state.statusPort());
        if (state.topicsPath() != null) {
            json.put("topics", state.topicsPath());
        }
        Path file = stateFile();
        try {
            Path temp = Files.createTempFile(file.getParent(), STATE_FILE, ".tmp");
            Files.writeString(temp, Json.write(json) + "\n");
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SandboxException("Could not write the reuse launcher's state file " + file + ": " + e, e);
        }
    }

    /** Removes the state file if it is still {@code pid}'s (another launcher may have replaced it). */
    public static void unregister(long pid) {
        read().filter(s -> s.pid() == pid).ifPresent(s -> {
            try {
                Files.deleteIfExists(stateFile());
            } catch (IOException e) {
                LOG.warn("Could not remove the reuse launcher's state file {}", stateFile(), e);
            }
        });
    }

    /** The launcher the state file names, if there is a file and it reads as one. */
    public static Optional<State> read() {
        Path file = stateFile();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> json = Json.readObject(Files.readString(file));
            return Optional.of(new State((String) json.get("version"), ((Number) json.get("pid")).longValue(),
                    (String) json.get("kafka"), json.get("kafkaBrokers") instanceof Number n ? n.intValue() : 0,
                    ((Number) json.get("amqpPort")).intValue(),
                    ((Number) json.get("statusPort")).intValue(), (String) json.get("topics")));
        } catch (IOException | RuntimeException e) {
            LOG.warn("The reuse launcher's state file {} is unreadable ({}); it is ignored and replaced", file, e.toString());
            return Optional.empty();
        }
    }

    /** Whether the process the state file names has ended (a launcher killed hard leaves its file behind). */
    public static boolean isGone(State state) {
        return !ProcessHandle.of(state.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Why the live launcher {@code state} names cannot be used, or null if it can. */
    static String problem(State state, String version) {
        if (!version.equals(state.version())) {
            return "the reuse launcher running as pid " + state.pid() + " is version " + state.version() + ", this test "
                    + "JVM's sandbox is " + version + ": stop it (kill " + state.pid() + ") to have one of this version started";
        }
        return answers(state) ? null : "the reuse launcher pid " + state.pid() + " does not answer on 127.0.0.1:"
                + state.statusPort() + " within " + ANSWER.toSeconds() + " s: stop it (kill " + state.pid() + ")";
    }

    /**
     * Whether its status page answers 200 within {@link #ANSWER}. A plain socket, not
     * {@code java.net.http.HttpClient}: building that client and its first request cost a fresh JVM
     * ~0.2-0.6 s of class loading, which every attach paid before its first test.
     */
    private static boolean answers(State state) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Ports.LOOPBACK, state.statusPort()),
                    (int) ANSWER.toMillis());
            socket.setSoTimeout((int) ANSWER.toMillis());
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + Ports.LOOPBACK + ":" + state.statusPort()
                    + "\r\nAccept: text/plain\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return status != null && status.matches("HTTP/1\\.[01] 200( .*)?");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The brokers of this machine's reuse launcher, started detached now if none runs; empty, with
     * a warning saying why, when one of another version or one that does not answer holds the state
     * file (the caller then starts its own brokers).
     */
    public static Optional<ExternalBrokers> attach() {
        String version = version();
        try (ReuseLock ignored = ReuseLock.acquire(stateFile().resolveSibling(ReuseLock.FILE), LOCK_WAIT,
                "while it finds or starts the reuse launcher")) {
            return attachLocked(version);
        }
    }

    /** Under the lock: no other JVM reads a state file that this one is about to replace, or starts a launcher. */
    private static Optional<ExternalBrokers> attachLocked(String version) {
        Optional<State> found = read();
        if (found.isPresent() && !isGone(found.get())) {
            String problem = problem(found.get(), version);
            if (problem == null) {
                State s = found.get();
                LOG.info("Broker Sandbox in reuse mode: the launcher pid {} (version {}, state file {}): Kafka at {}, "
                        + "AMQP at 127.0.0.1:{}, management API http://127.0.0.1:{}", s.pid(), s.version(), stateFile(),
                        s.kafkaBootstrapServers(), s.amqpPort(), s.statusPort());
                return Optional.of(s.brokers());
            }
            LOG.warn("Reuse mode: {}. Starting the brokers in this JVM instead.", problem);
            return Optional.empty();
        }
        if (found.isPresent()) {
            LOG.info("Reuse mode: the state file {} names pid {}, which is gone; starting a new launcher",
                    stateFile(), found.get().pid());
            try {
                Files.deleteIfExists(stateFile());
            } catch (IOException e) {
                throw new SandboxException("Could not remove the stale state file " + stateFile() + ": " + e, e);
            }
        }
        return Optional.of(startDetached(version).brokers());
    }

    /** Starts a launcher with {@code --reuse} as a process of its own, which outlives this JVM, and waits until it is ready. */
    private static State startDetached(String version) {
        Path log = stateFile().resolveSibling("reuse-launcher.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-D" + CacheDirectory.PROPERTY + "=" + CacheDirectory.root(), // its state file where this JVM looks
                "-cp", classPath(), MAIN, "--reuse"));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(System.getProperty("os.name", "").startsWith("Windows")
                            ? "NUL" : "/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new SandboxException("Could not start the reuse launcher (" + String.join(" ", command) + "): " + e, e);
        }
        LOG.info("Reuse mode: started a launcher, pid {}, log {}; later test JVMs attach to it. Stop it with kill {}",
                process.pid(), log, process.pid());
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<State> state = read().filter(s -> s.pid() == process.pid() && version.equals(s.version()));
            if (state.isPresent()) {
                return state.get();
            }
            if (!process.isAlive()) {
                // A launcher started by hand (java -jar broker-sandbox.jar --reuse) may have registered first: ours then ends.
                Optional<State> other = read().filter(s -> !isGone(s) && version.equals(s.version()));
                if (other.isPresent()) {
                    return other.get();
                }
                throw new SandboxException("The reuse launcher ended with exit code " + process.exitValue()
                        + " before it was ready; its output is in " + log);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException("Interrupted while waiting for the reuse launcher", e);
            }
        }
        process.destroy();
        throw new SandboxException("The reuse launcher did not write " + stateFile() + " within " + START.toSeconds()
                + " s; its output is in " + log);
    }

    /** What the launcher needs, from where this JVM loaded it: sandbox-core, the runtime bundle, the clients, SLF4J. */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String type : List.of(MAIN, "org.apache.kafka.clients.admin.Admin", "com.rabbitmq.client.ConnectionFactory",
                "org.slf4j.LoggerFactory", "com.github.luben.zstd.Zstd", "net.jpountz.lz4.LZ4Factory",
                "org.xerial.snappy.Snappy",
                // amqp-client 5.27 (Spring Boot 4.0's) needs Netty to build a ConnectionFactory at all, though it
                // connects without it: NoClassDefFoundError io/netty/channel/EventLoopGroup otherwise.
                "io.netty.channel.EventLoopGroup", "io.netty.buffer.ByteBuf", "io.netty.util.concurrent.EventExecutor",
                "io.netty.resolver.AddressResolverGroup", "io.netty.handler.ssl.SslContext",
                "io.netty.handler.codec.LengthFieldBasedFrameDecoder")) {
            try {
                var source = Class.forName(type, false, ReuseLauncher.class.getClassLoader()).getProtectionDomain()
                        .getCodeSource();
                if (source != null) {
                    entries.add(Path.of(source.getLocation().toURI()).toString());
                }
            } catch (ClassNotFoundException | URISyntaxException optional) {
                // a compression codec the user's kafka-clients does without, Netty for an older amqp-client
            }
        }
        entries.add(RuntimeBundle.onClasspath().location().toString());
        return String.join(File.pathSeparator, entries);
    }
}
