package dev.brokersandbox.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.SandboxException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One JVM, and one thread of it, at a time finds or starts the reuse launcher; a dead holder blocks nobody. */
class ReuseLockTest {

    private static final Duration CHILD_WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Process holder;

    @AfterEach
    void stopTheHolder() throws InterruptedException {
        if (holder != null) {
            holder.destroyForcibly().waitFor(CHILD_WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void aLockAnotherJvmHoldsIsWaitedForWithABoundAndTheMessageNamesTheFile() throws Exception {
        Path file = dir.resolve(ReuseLock.FILE);
        holdInAnotherJvm(file);

        long start = System.nanoTime();
        assertThatThrownBy(() -> ReuseLock.acquire(file, Duration.ofSeconds(1), "while it starts the launcher"))
                .isInstanceOf(SandboxException.class)
                .hasMessage("Reuse mode: another JVM (or thread) held " + file + " for over 1 s while it starts the "
                        + "launcher. Look at reuse-launcher.log beside it; stop that JVM, or turn reuse mode off "
                        + "(brokersandbox.reuse=false), to go on.");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(10));

        // The failed wait left nothing held in this JVM.
        try (ReuseLock ignored = acquireAfterTheHolderIsGone(file)) {
            assertThat(ignored).isNotNull();
        }
    }

    @Test
    void aLockWhoseHolderWasKilledIsTakenAtOnce() throws Exception {
        Path file = dir.resolve(ReuseLock.FILE);
        holdInAnotherJvm(file);

        holder.destroyForcibly().waitFor(CHILD_WAIT.toSeconds(), TimeUnit.SECONDS);
        long start = System.nanoTime();
        try (ReuseLock ignored = ReuseLock.acquire(file, Duration.ofSeconds(5), "while it starts the launcher")) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void aSecondThreadWaitsUntilTheFirstReleasesIt() throws Exception {
        Path file = dir.resolve(ReuseLock.FILE);
        CountDownLatch secondIn = new CountDownLatch(1);
        CompletableFuture<Void> second;
        try (ReuseLock first = ReuseLock.acquire(file, Duration.ofSeconds(5), "while it starts the launcher")) {
            second = CompletableFuture.runAsync(() -> {
                try (ReuseLock mine = ReuseLock.acquire(file, Duration.ofSeconds(20), "while it starts the launcher")) {
                    secondIn.countDown();
                }
            });
            assertThat(secondIn.await(500, TimeUnit.MILLISECONDS)).as("the second thread got in while the first held it")
                    .isFalse();
        }
        assertThat(secondIn.await(CHILD_WAIT.toSeconds(), TimeUnit.SECONDS)).as("the second got in after the release").isTrue();
        second.get(CHILD_WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private ReuseLock acquireAfterTheHolderIsGone(Path file) throws InterruptedException {
        holder.destroyForcibly().waitFor(CHILD_WAIT.toSeconds(), TimeUnit.SECONDS);
        return ReuseLock.acquire(file, Duration.ofSeconds(5), "while it starts the launcher");
    }

    private void holdInAnotherJvm(Path file) throws Exception {
        holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).as("the other JVM's first line").isEqualTo("locked");
    }

    /** Locks the file named by its argument, says so, and holds it until it is killed (at most a minute). */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 var lock = channel.lock()) {
                System.out.println("locked");
                System.out.flush();
                Thread.sleep(60_000);
            }
        }
    }
}
