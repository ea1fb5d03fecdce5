package dev.brokersandbox.internal.engine;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.brokersandbox.ExternalBrokers;
import dev.brokersandbox.SandboxException;
import dev.brokersandbox.internal.CacheDirectory;
import dev.brokersandbox.internal.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reuse mode: one launcher ({@code java -jar broker-sandbox.jar --reuse}) keeps both brokers running
 * on this machine, and test JVMs attach to it through external mode instead of starting brokers.
 * It is found through a state file in the user's cache directory (its version, pid and ports),
 * which it writes once it is ready and removes when it stops. A stale file (its pid is gone), a
 * launcher of another version or one that does not answer is detected and reported, never waited on.
 */
public final class ReuseLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ReuseLauncher.class);
    static final String STATE_FILE = "reuse-launcher.json";
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration ANSWER = Duration.ofSeconds(3);
    private static final String MAIN = "dev.brokersandbox.standalone.Launcher";

    private ReuseLauncher() {
    }

    /** What a reuse launcher writes about itself. */
    public record State(String version, long pid, String kafkaBootstrapServers, int amqpPort, int statusPort) {

        ExternalBrokers brokers() {
            return ExternalBrokers.builder().kafka(kafkaBootstrapServers, Map.of())
                    .amqp("amqp://guest:guest@127.0.0.1:" + amqpPort + "/%2F", "http://127.0.0.1:" + statusPort).build();
        }
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
        json.put("amqpPort", state.amqpPort());
        json.put("statusPort", state.statusPort());
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
                    (String) json.get("kafka"), ((Number) json.get("amqpPort")).intValue(),
                    ((Number) json.get("statusPort")).intValue()));
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

    private static boolean answers(State state) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(ANSWER).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + state.statusPort() + "/"))
                .timeout(ANSWER).header("Accept", "text/plain").build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
