package dev.brokersandbox.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.ExternalBrokers;
import dev.brokersandbox.KafkaSetup;
import dev.brokersandbox.Sandbox;
import dev.brokersandbox.SandboxException;
import dev.brokersandbox.internal.CacheDirectory;
import dev.brokersandbox.internal.engine.EmbeddedEngine;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM attached to a reuse launcher has its topics created and deleted by the launcher, which
 * already runs an Admin client, instead of starting one of its own. The launcher runs in this JVM,
 * with a cache directory of its own: a developer's launcher is not touched.
 */
class ReuseLauncherTopicsTest {

    @TempDir
    Path cache;
    private String previousCache;

    @BeforeAll
    static void loadTheBrokersRuntimeFromTheUsualCache() {
        // Once per JVM, from the cache directory of the moment: not from a temp directory deleted after a test.
        EmbeddedEngine.get();
    }

    @BeforeEach
    void useAStateFileOfOurOwn() {
        previousCache = System.setProperty(CacheDirectory.PROPERTY, cache.toString());
    }

    @AfterEach
    void restoreTheCacheDirectory() {
        if (previousCache == null) {
            System.clearProperty(CacheDirectory.PROPERTY);
        } else {
            System.setProperty(CacheDirectory.PROPERTY, previousCache);
        }
    }

    @Test
    void topicsOfAnAttachedSandboxAreCreatedAndDeletedByTheLauncher() throws Exception {
        try (RunningLauncher launcher = startRegistered();
             Sandbox attached = Sandbox.builder().external(ExternalBrokers.reuseLauncher().orElseThrow())
                     .kafka(k -> k.topic("orders", 3)).start();
             Admin admin = attached.kafka().admin()) {
            assertThat(admin.describeTopics(List.of("orders")).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get("orders").partitions()).hasSize(3);

            attached.kafka().deleteTopics(List.of("orders"));

            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain("orders");
        }
    }

    @Test
    void aTopicTheLauncherCannotCreateFailsNamingTheLauncherAndKafkasReason() throws Exception {
        try (RunningLauncher launcher = startRegistered();
             Sandbox attached = Sandbox.builder().external(ExternalBrokers.reuseLauncher().orElseThrow()).kafka().start()) {
            KafkaSetup tooWide = new KafkaSetup().topic("wide", 1, 3, Map.of());

            assertThatThrownBy(() -> attached.kafka().recreateTopics(tooWide)).isInstanceOf(SandboxException.class)
                    .hasMessageStartingWith("The reuse launcher pid " + ProcessHandle.current().pid()
                            + " could not create topics [wide] (500): ")
                    .hasMessageContaining("replication factor")
                    .hasMessageEndingWith("Its log is reuse-launcher.log beside " + cache.resolve("reuse-launcher.json")
                            + "; stop it (kill " + ProcessHandle.current().pid() + ") to have a new one started.");
        }
    }

    /** A launcher with {@code --reuse} whose state file is written: it writes it just after its banner. */
    private static RunningLauncher startRegistered() throws Exception {
        RunningLauncher launcher = RunningLauncher.start("--reuse");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!launcher.out().contains("Reuse mode: test JVMs")) {
            if (System.nanoTime() > deadline) {
                launcher.close();
                throw new AssertionError("The launcher wrote no state file within 30 s: " + launcher.out() + launcher.err());
            }
            Thread.sleep(20);
        }
        return launcher;
    }
}
