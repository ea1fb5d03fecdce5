package dev.brokersandbox.samples.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Programs outside the JVM that the launcher's tests use: Debian's Python 3 with pika and
 * confluent-kafka, kcat, and Chromium. CI installs them (.ci/run) and must run these tests;
 * elsewhere a machine without them skips the tests, saying what to install.
 */
final class Tools {

    /** Debian's python3, where python3-pika and python3-confluent-kafka install (not a pyenv or venv python). */
    static final String PYTHON = "/usr/bin/python3";
    private static final Duration RUN = Duration.ofSeconds(60);

    private Tools() {
    }

    record Result(int exitCode, String output) {
    }

    /** Skips the test where {@code what} is missing, but fails it in CI, naming the Debian packages to install. */
    static void require(String what, String debianPackages, String... probe) {
        boolean present;
        try {
            present = run(Map.of(), probe).exitCode() == 0;
        } catch (IOException | AssertionError e) {
            present = false;
        }
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(what + " is missing in CI: .ci/run must install it (apt-get install -y "
                    + debianPackages + ")");
        }
        Assumptions.assumeTrue(present, what + " is not installed here; on Debian or Ubuntu: apt-get install -y "
                + debianPackages);
    }

    /** Runs a program to its end (at most {@link #RUN}), stdout and stderr together. */
    static Result run(Map<String, String> env, String... command) throws IOException {
        return runWithInput(env, null, command);
    }

    /** Like {@link #run}, writing {@code stdin} (if not null) to the program's standard input. */
    static Result runWithInput(Map<String, String> env, String stdin, String... command) throws IOException {
        Path output = Files.createTempFile("broker-sandbox-tool-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(env);
            if (stdin == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            }
            Process process = builder.start();
            if (stdin != null) {
                try (var in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            try {
                if (!process.waitFor(RUN.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not end within " + RUN.toSeconds()
                            + " s; it printed:\n" + Files.readString(output));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new AssertionError("interrupted while running " + String.join(" ", command), e);
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    static String[] python(String script) {
        return new ArrayList<>(List.of(PYTHON, Path.of("python", script).toString())).toArray(String[]::new);
    }
}
