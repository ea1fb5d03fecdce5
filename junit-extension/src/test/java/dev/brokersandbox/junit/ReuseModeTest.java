package dev.brokersandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.internal.Json;
import dev.brokersandbox.internal.engine.ReuseLauncher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Reuse mode: the first run with {@code brokersandbox.reuse=true} starts a launcher as a process of
 * its own, later runs attach to it; a stale state file or a launcher of another version is handled,
 * never waited on. Skipped where a reuse launcher already runs (a developer's): it is not ours to stop.
 */
class ReuseModeTest {

    static final Map<String, String> SEEN = new ConcurrentHashMap<>();
    private static final Duration STOP = Duration.ofSeconds(30);

    /** Set once the assumption below holds: an aborted test's @AfterEach still runs, and must leave a developer's launcher be. */
    private boolean launcherIsOurs;

    @BeforeEach
    void noReuseLauncherOfSomeoneElse() {
        Assumptions.assumeFalse(Files.exists(ReuseLauncher.stateFile()),
                "a reuse launcher's state file exists (" + ReuseLauncher.stateFile() + "): not ours to replace");
        launcherIsOurs = true;
    }

    @AfterEach
    void stopTheLauncherThisTestStarted() throws Exception {
        if (!launcherIsOurs) {
            return;
        }
        var state = ReuseLauncher.read();
        if (state.isPresent() && state.get().pid() != ProcessHandle.current().pid()) {
            ProcessHandle launcher = ProcessHandle.of(state.get().pid()).orElse(null);
            if (launcher != null) {
                launcher.destroy(); // SIGTERM: a clean stop, which removes the state file
                launcher.onExit().get(STOP.toSeconds(), TimeUnit.SECONDS);
            }
        }
        Files.deleteIfExists(ReuseLauncher.stateFile());
    }

    private static void run() {
        EngineTestKit.engine("junit-jupiter").configurationParameter("brokersandbox.reuse", "true")
                .selectors(selectClass(UsesBothBrokers.class)).execute()
                .testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
    }

    @Test
    void theFirstRunStartsALauncherOfItsOwnAndTheNextAttachesToIt() {
        run();
        var started = ReuseLauncher.read().orElseThrow(() -> new AssertionError("no state file after the first run"));
        String firstBootstrap = SEEN.get("bootstrap");
        run();

        assertThat(started.pid()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(ProcessHandle.of(started.pid()).map(ProcessHandle::isAlive)).contains(true);
        assertThat(firstBootstrap).isEqualTo(started.kafkaBootstrapServers());
        assertThat(SEEN.get("bootstrap")).as("the second run's brokers").isEqualTo(firstBootstrap);
        assertThat(ReuseLauncher.read()).as("the state after the second run").contains(started);
    }

    @Test
    void aStateFileWhosePidIsGoneIsReplacedByANewLauncher() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(STOP.toSeconds(), TimeUnit.SECONDS);
        write(ReuseLauncher.version(), gone.pid());

        run();

        var state = ReuseLauncher.read().orElseThrow();
        assertThat(state.pid()).isNotEqualTo(gone.pid());
        assertThat(ProcessHandle.of(state.pid()).map(ProcessHandle::isAlive)).contains(true);
        assertThat(SEEN.get("bootstrap")).isEqualTo(state.kafkaBootstrapServers());
    }

    @Test
    void aLauncherOfAnotherVersionIsLeftAloneAndTheRunStartsItsOwnBrokers() throws Exception {
        // This JVM plays the launcher of another version: alive, and not to be replaced.
        write("0.0.1-other", ProcessHandle.current().pid());

        run();

        assertThat(SEEN.get("bootstrap")).isNotEqualTo("127.0.0.1:1");
        assertThat(ReuseLauncher.read().map(ReuseLauncher.State::version)).contains("0.0.1-other");
    }

    private static void write(String version, long pid) throws Exception {
        Path file = ReuseLauncher.stateFile();
        Files.writeString(file, Json.write(Map.of("version", version, "pid", pid, "kafka", "127.0.0.1:1",
                "amqpPort", 1, "statusPort", 1)));
    }

    @BrokerSandbox(topics = @Topic("reused"), queues = @Queue("reused"))
    static class UsesBothBrokers {
        @Test
        void record(SandboxInfo info, com.rabbitmq.client.Channel channel) throws Exception {
            channel.queueDeclarePassive("reused");
            SEEN.put("bootstrap", info.kafkaBootstrapServers());
        }
    }
}
