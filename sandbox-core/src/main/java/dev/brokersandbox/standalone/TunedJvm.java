package dev.brokersandbox.standalone;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.brokersandbox.internal.CacheDirectory;
import sun.misc.Signal;

/**
 * {@code java -jar broker-sandbox.jar} runs the brokers in a child JVM with the flags that start
 * them fastest, as a user would not type them: {@code -XX:TieredStopAtLevel=1} (C2 burns about a
 * third of a cold start's CPU and pays only in long runs) and a class data sharing archive of the
 * jar's classes, kept in the cache directory and made by the first run
 * ({@code -XX:ArchiveClassesAtExit}, adopted by this JVM once the child ended cleanly, so a
 * half-written archive is never used: the JVM maps it, and a truncated one crashes it).
 *
 * <p>Not for {@code --help}, {@code --status}, {@code --ctl} (short-lived), nor with
 * {@code --no-tune}, {@code -Dbrokersandbox.tune=false}, JIT or sharing flags of the user's own, or
 * outside the launcher jar. The child inherits the console; Ctrl+C and SIGTERM reach it (through
 * this JVM as well), and it stops itself when this JVM is killed. Its exit code is this JVM's.
 */
final class TunedJvm {

    static final String TUNE_PROPERTY = "brokersandbox.tune";
    static final String PARENT_PROPERTY = "brokersandbox.parent.pid";
    /** The user chose JIT or sharing flags, or attached an agent or debugger to this very JVM: leave it be. */
    private static final Pattern USER_FLAGS = Pattern.compile("TieredStopAtLevel|TieredCompilation|-Xshare:|SharedArchiveFile"
            + "|ArchiveClassesAtExit|AutoCreateSharedArchive|UseSharedSpaces|^-agentlib|^-agentpath|^-javaagent|^-Xrunjdwp");
    private static final int KEEP = 4;
    private static final long STOP_GRACE_SECONDS = 60;

    private TunedJvm() {
    }

    /** The child's exit code after running the launcher in a tuned JVM; empty when this JVM runs it itself. */
    static OptionalInt relaunch(String[] args) {
        List<String> jvmFlags = ManagementFactory.getRuntimeMXBean().getInputArguments();
        Path jar = launcherJar();
        if (jar == null || !wanted(args, jvmFlags)) {
            return OptionalInt.empty();
        }
        try {
            Path directory = Files.createDirectories(CacheDirectory.root().resolve("cds"));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            // One per set of brokers: a first run with --no-amqp must not leave Qpid out of every later run's archive.
            LauncherOptions options = LauncherOptions.parse(args);
            String brokers = (options.kafka ? "kafka" : "") + (options.amqp ? "amqp" : "");
            Path archive = directory.resolve("launcher-" + key(jar) + "-" + brokers + ".jsa");
            boolean exists = Files.isRegularFile(archive);
            Path written = exists ? null : directory.resolve("." + archive.getFileName() + "." + UUID.randomUUID() + ".tmp");
            List<String> command = new ArrayList<>(List.of(java.toString()));
            command.addAll(jvmFlags);
            command.add("-XX:TieredStopAtLevel=1");
            command.add(exists ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + written);
            // The dump's "Skipping <class>: Not linked" warnings (one per class loaded but never used) are noise here.
            command.add("-Xlog:cds=off,cds+dynamic=off");
            command.add("-D" + TUNE_PROPERTY + "=false");
            command.add("-D" + PARENT_PROPERTY + "=" + ProcessHandle.current().pid());
            command.addAll(List.of("-cp", jar.toString(), Launcher.class.getName()));
            command.addAll(List.of(args));
            int code = run(new ProcessBuilder(command).inheritIO());
            try {
                if (exists) {
                    Files.setLastModifiedTime(archive, FileTime.from(Instant.now()));
                } else {
                    adopt(java, jar, written, archive, code);
                    clean(directory);
                }
            } catch (IOException | RuntimeException e) {
                // The brokers ran; only the archive is missed, and the next run makes it again.
            }
            return OptionalInt.of(code);
        } catch (IOException | RuntimeException e) {
            System.err.println("broker-sandbox: could not start a tuned JVM (" + e + "); running in this one. "
                    + "--no-tune skips the attempt.");
            return OptionalInt.empty();
        }
    }

    /** In the child: stops the launcher when the JVM that started it ends (killed, so it could not pass a signal on). */
    static void stopWithParent(Runnable stop) {
        String parent = System.getProperty(PARENT_PROPERTY);
        if (parent != null) {
            ProcessHandle.of(Long.parseLong(parent)).ifPresent(p -> p.onExit().thenRun(stop));
        }
    }

    static boolean wanted(String[] args, List<String> jvmFlags) {
        if ("false".equalsIgnoreCase(System.getProperty(TUNE_PROPERTY, "true"))
                || jvmFlags.stream().anyMatch(f -> USER_FLAGS.matcher(f).find())) {
            return false;
        }
        try {
            LauncherOptions options = LauncherOptions.parse(args);
            return !(options.help || options.status || options.ctl != null || options.noTune);
        } catch (LauncherOptions.UsageException e) {
            return false; // this JVM says what is wrong, as fast as it can
        }
    }

    private static int run(ProcessBuilder builder) throws IOException {
        Process child = builder.start();
        // A terminal's Ctrl+C reaches the child too; a signal sent to this JVM alone is passed on.
        Signal.handle(new Signal("INT"), s -> stop(child));
        Signal.handle(new Signal("TERM"), s -> stop(child));
        while (true) {
            try {
                return child.waitFor(); // as long as the brokers run: the child bounds its own stop
            } catch (InterruptedException e) {
                stop(child);
            }
        }
    }

    private static void stop(Process child) {
        child.destroy();
        Thread kill = new Thread(() -> {
            try {
                if (!child.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.destroyForcibly();
            }
        }, "broker-sandbox-stop-child");
        kill.setDaemon(true);
        kill.start();
    }

    /** Renames the archive the child wrote into place, after the JVM has shown it maps it; else drops it. */
    private static void adopt(Path java, Path jar, Path written, Path archive, int code) throws IOException {
        try {
            if (code == Launcher.OK && Files.isRegularFile(written) && Files.size(written) > 0 && !Files.exists(archive)
                    && mapsCleanly(java, jar, written)) {
                Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(written);
        }
    }

    /** With -Xshare:on the JVM fails rather than ignore an archive it cannot map (the class path is part of it). */
    private static boolean mapsCleanly(Path java, Path jar, Path archive) throws IOException {
        Process check = new ProcessBuilder(java.toString(), "-Xshare:on", "-XX:SharedArchiveFile=" + archive,
                "-cp", jar.toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!check.waitFor(30, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return false;
            }
            return check.exitValue() == 0;
        } catch (InterruptedException e) {
            check.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Keeps the {@value #KEEP} most recently used launcher archives (other brokers, jars, JDKs). */
    private static void clean(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            List<Path> archives = entries.filter(p -> p.getFileName().toString().matches("launcher-.*\\.jsa"))
                    .sorted(Comparator.comparing(TunedJvm::lastModified).reversed()).toList();
            for (Path old : archives.subList(Math.min(KEEP, archives.size()), archives.size())) {
                old.toFile().setWritable(true); // the JVM writes archives read-only, which Windows will not delete
                Files.deleteIfExists(old);
            }
        } catch (IOException e) {
            // An old archive costs disk space, never correctness.
        }
    }

    /** The archive is valid for one jar on one JDK: its path, size and time, and the JDK's home and version. */
    static String key(Path jar) throws IOException {
        String identity = String.join("\n", jar.toRealPath().toString(), Long.toString(Files.size(jar)),
                Long.toString(Files.getLastModifiedTime(jar).toMillis()), System.getProperty("java.home"),
                System.getProperty("java.vm.version"));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The launcher jar this class runs from, or null (run from classes, or from the thin library jar). */
    private static Path launcherJar() {
        try {
            CodeSource source = Launcher.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path path = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(path)) {
                return null;
            }
            try (JarFile jar = new JarFile(path.toFile())) {
                return jar.getManifest() != null
                        && Launcher.class.getName().equals(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                        ? path : null;
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static FileTime lastModified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
