package dev.brokersandbox.samples.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar sandbox-core/target/broker-sandbox.jar} as a process of its own, as a teacher
 * starts it, with its output in a file so that nothing blocks on a full pipe.
 */
final class LauncherProcess implements AutoCloseable {

    static final Path JAR = Path.of("..", "sandbox-core", "target", "broker-sandbox.jar");
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration STOP = Duration.ofSeconds(30);

    private final Process process;
    private final Path output;

    private LauncherProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts the launcher and waits for its banner, or for its exit when it refuses to start. */
    static LauncherProcess start(String... args) throws IOException, InterruptedException {
        return start(List.of(), args);
    }

    /** Like {@link #start(String...)}, with options for the launcher's JVM (such as {@code -Djava.io.tmpdir=..}). */
    static LauncherProcess start(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError(JAR.toAbsolutePath() + " is missing: it is built by `mvn package` in sandbox-core");
        }
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("broker-sandbox-launcher-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        LauncherProcess launcher = new LauncherProcess(process, output);
        long deadline = System.nanoTime() + START.toNanos();
        while (!launcher.output().contains("Stop with Ctrl+C.") && process.isAlive()) {
            if (System.nanoTime() > deadline) {
                launcher.close();
                throw new AssertionError("The launcher printed no banner within " + START.toSeconds() + " s:\n"
                        + launcher.output());
            }
            Thread.sleep(50);
        }
        return launcher;
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as {@code kill} or a service manager sends it, then the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        return exitCode();
    }

    /** SIGINT, as Ctrl+C in the launcher's terminal sends it, then the exit code. */
    int interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).inheritIO().start();
        if (!kill.waitFor(STOP.toSeconds(), TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -INT " + process.pid() + " failed");
        }
        return exitCode();
    }

    int exitCode() throws InterruptedException {
        if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The launcher did not end within " + STOP.toSeconds() + " s");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        Files.deleteIfExists(output);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
