package dev.brokersandbox.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.ExternalBrokers;
import dev.brokersandbox.internal.CacheDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs that turn reuse mode on at the same moment (two IDE runs, Surefire forks) end with one
 * launcher, which both use. Runs in a cache directory of its own: a developer's launcher is not touched.
 */
class ReuseLauncherAttachTest {

    private static final Duration CHILD_WAIT = Duration.ofSeconds(180);
    private static final Duration STOP = Duration.ofSeconds(30);

    @TempDir
    Path cache;

    @AfterEach
    void stopTheLaunchers() throws Exception {
        for (ProcessHandle launcher : launchers()) {
            launcher.destroy(); // SIGTERM: a clean stop, which removes the state file
            try {
                launcher.onExit().get(STOP.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                launcher.destroyForcibly();
                launcher.onExit().get(STOP.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void twoJvmsAttachingAtOnceStartOneLauncherAndBothUseIt() throws Exception {
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            children.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-D" + CacheDirectory.PROPERTY + "=" + cache, "-cp", System.getProperty("java.class.path"),
                    Child.class.getName()).redirectErrorStream(true).start());
        }
        List<String> answers = new ArrayList<>();
        for (Process child : children) {
            boolean ended = child.waitFor(CHILD_WAIT.toSeconds(), TimeUnit.SECONDS);
            if (!ended) {
                child.destroyForcibly();
            }
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(ended).as("a JVM attaching in reuse mode ended within %s: %s", CHILD_WAIT, output).isTrue();
            assertThat(child.exitValue()).as(output).isZero();
            answers.add(output.lines().reduce((a, b) -> b).orElse(""));
        }

        assertThat(answers.get(0)).startsWith("kafka=127.0.0.1:");
        assertThat(answers).containsOnly(answers.get(0));
        assertThat(launchers()).as("reuse launchers running on the cache directory " + cache).hasSize(1);
    }

    /** The launchers started with this test's cache directory, by their command line. */
    private List<ProcessHandle> launchers() {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains("--reuse") && c.contains(CacheDirectory.PROPERTY + "=" + cache)).orElse(false)).toList();
    }

    /** Attaches in reuse mode and prints, last, the brokers it was given. */
    public static final class Child {
        public static void main(String[] args) {
            ExternalBrokers brokers = ExternalBrokers.reuseLauncher()
                    .orElseThrow(() -> new AssertionError("reuse mode gave no launcher"));
            System.out.println("kafka=" + brokers.kafkaBootstrapServers() + " amqp=" + brokers.amqpUri()
                    + " management=" + brokers.managementUrl());
        }
    }
}
