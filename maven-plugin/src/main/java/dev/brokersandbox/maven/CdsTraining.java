package dev.brokersandbox.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes an archive by running the brokers once in a JVM of its own (the resource
 * {@code Training.java} says why not in the test JVM), then checks that the JVM maps it.
 */
final class CdsTraining {

    static final String SOURCE = "Training.java";
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);

    private CdsTraining() {
    }

    /** The training program's text: in the key, so a change of it makes a new archive. */
    static String source() throws IOException {
        try (InputStream in = CdsTraining.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IOException(SOURCE + " is missing from the plugin jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Writes the archive to {@code written} (a temporary name), with the training's output in
     * {@code workDirectory/training.log}; throws with the cause when no usable archive came out.
     */
    static void run(Path java, List<Path> jars, Path written, Path workDirectory, Path cacheRoot, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(workDirectory);
        Path source = Files.writeString(workDirectory.resolve(SOURCE), source());
        Path log = workDirectory.resolve("training.log");
        List<String> command = new ArrayList<>(List.of(java.toString(),
                JvmFlags.C1_ONLY,
                "-XX:ArchiveClassesAtExit=" + written,
                "-Dbrokersandbox.cache.dir=" + cacheRoot,
                "-Dbrokersandbox.tune=false", // the launcher must not start a JVM of its own here
                source.toString()));
        jars.forEach(jar -> command.add(jar.toString()));
        try {
            int exit = runBounded(new ProcessBuilder(command).directory(workDirectory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()), timeout, "the training run");
            if (exit != 0 || !ArchiveStore.ready(written)) {
                throw new IOException("the training run ended with exit code " + exit
                        + (ArchiveStore.ready(written) ? "" : " and no archive") + "; its output is in " + log);
            }
            // A JVM that cannot map an archive ignores it, but one that maps a damaged archive may crash:
            // -Xshare:on makes this check fail instead of falling back.
            int check = runBounded(new ProcessBuilder(java.toString(), "-Xshare:on", "-XX:SharedArchiveFile=" + written,
                    "-version").redirectErrorStream(true).redirectOutput(workDirectory.resolve("check.log").toFile()),
                    CHECK_TIMEOUT, "the archive check");
            if (check != 0) {
                throw new IOException("the JVM refused the new archive (exit code " + check + ", see "
                        + workDirectory.resolve("check.log") + ")");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            Files.deleteIfExists(written);
            throw e;
        }
    }

    private static int runBounded(ProcessBuilder builder, Duration timeout, String what)
            throws IOException, InterruptedException {
        Process process = builder.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(what + " did not finish within " + timeout.toSeconds() + " s");
            }
            return process.exitValue();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
