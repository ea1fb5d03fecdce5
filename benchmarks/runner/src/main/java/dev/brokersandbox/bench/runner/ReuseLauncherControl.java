package dev.brokersandbox.bench.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reuse launcher the {@code reuse} measure attaches to: the first (unmeasured) run starts it
 * detached, through the extension, as a developer's first test run would; the measure stops it
 * at the end through the pid in its state file. A launcher that was running before the benchmark
 * is someone else's: the measure refuses to start rather than measure or stop it.
 */
final class ReuseLauncherControl {

    private static final Pattern PID = Pattern.compile("\"pid\"\\s*:\\s*(\\d+)");
    private static final long STOP_WAIT_SECONDS = 30;

    private ReuseLauncherControl() {
    }

    /**
     * Where the sandbox keeps the state file: its cache directory, found by sandbox-core's rules on
     * Linux, where the benchmark runs (the runner loads nothing of either side).
     */
    static Path stateFile() {
        String configured = System.getProperty("brokersandbox.cache.dir", System.getenv("BROKERSANDBOX_CACHE_DIR"));
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path root = configured != null && !configured.isBlank() ? Path.of(configured)
                : xdg != null && !xdg.isBlank() ? Path.of(xdg, "broker-sandbox")
                : Path.of(System.getProperty("user.home"), ".cache", "broker-sandbox");
        return root.resolve("reuse-launcher.json");
    }

    static void requireNone() throws IOException {
        Optional<Long> pid = pid();
        if (pid.isPresent() && ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
            throw new IllegalStateException("a reuse launcher is already running (pid " + pid.get() + ", " + stateFile()
                    + "): stop it first, the reuse measure starts and stops its own");
        }
    }

    static void stop() throws IOException, InterruptedException {
        Optional<ProcessHandle> launcher = pid().flatMap(ProcessHandle::of);
        if (launcher.isPresent()) {
            launcher.get().destroy();
            try {
                launcher.get().onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                launcher.get().destroyForcibly();
                System.out.printf("  the reuse launcher (pid %d) did not stop within %d s: killed%n",
                        launcher.get().pid(), STOP_WAIT_SECONDS);
            }
        }
        Files.deleteIfExists(stateFile());
    }

    private static Optional<Long> pid() throws IOException {
        Path file = stateFile();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Matcher m = PID.matcher(Files.readString(file));
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }
}
