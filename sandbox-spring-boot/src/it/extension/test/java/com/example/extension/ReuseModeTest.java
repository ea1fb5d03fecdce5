package com.example.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.internal.CacheDirectory;
import dev.brokersandbox.internal.engine.ReuseLauncher;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Reuse mode: with {@code brokersandbox.reuse=true} an application context runs on the reuse
 * launcher, a process of its own that the first run starts, not on brokers in the test JVM. The
 * launcher is found in a cache directory of the test's own: a developer's is left alone.
 */
class ReuseModeTest {

    static final Map<String, String> SEEN = new ConcurrentHashMap<>();
    private static final Duration STOP = Duration.ofSeconds(30);

    @TempDir
    Path cacheDirectory;

    /** A cache directory of the test's own, so the state file it finds is never a developer's launcher. */
    @BeforeEach
    void ownCacheDirectory() {
        System.setProperty(CacheDirectory.PROPERTY, cacheDirectory.toString());
    }

    @AfterEach
    void stopTheLauncherThisTestStarted() throws Exception {
        try {
            var state = ReuseLauncher.read();
            if (state.isPresent()) {
                ProcessHandle launcher = ProcessHandle.of(state.get().pid()).orElse(null);
                if (launcher != null) {
                    launcher.destroy(); // SIGTERM: a clean stop, which removes the state file
                    launcher.onExit().get(STOP.toSeconds(), TimeUnit.SECONDS);
                }
            }
        } finally {
            System.clearProperty(CacheDirectory.PROPERTY);
        }
    }

    @Test
    void contextRunsOnTheReuseLauncherItStarted() {
        System.setProperty("brokersandbox.reuse", "true");
        try {
            EngineTestKit.engine("junit-jupiter").selectors(selectClass(OnReuseLauncher.class)).execute()
                    .testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0).aborted(0));
        } finally {
            System.clearProperty("brokersandbox.reuse");
        }

        var launcher = ReuseLauncher.read().orElseThrow(() -> new AssertionError("no reuse launcher's state file after the run"));
        assertThat(launcher.pid()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(SEEN).containsEntry("bootstrap", launcher.kafkaBootstrapServers())
                .containsEntry("amqpPort", String.valueOf(launcher.amqpPort()));
    }

    @SpringBootTest(classes = ExternalModeTest.ExternalApp.class)
    @BrokerSandbox(topics = @Topic("external-events"), queues = @Queue("external-inbox"))
    @DirtiesContext
    static class OnReuseLauncher {

        @Test
        void report(@Autowired Environment environment, SandboxInfo info) {
            assertThat(environment.getProperty("spring.rabbitmq.virtual-host")).isEqualTo(info.amqpVirtualHost());
            SEEN.put("bootstrap", environment.getProperty("spring.kafka.bootstrap-servers"));
            SEEN.put("amqpPort", environment.getProperty("spring.rabbitmq.port"));
        }
    }
}
