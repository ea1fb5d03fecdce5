package dev.brokersandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import dev.brokersandbox.internal.TempDirs;

/**
 * What a sandbox could leave behind: non-daemon threads (they keep the JVM alive) and temp
 * directories. Take a snapshot before, assert nothing new remains after.
 */
public final class Leftovers {

    private final Set<Thread> threads;
    private final Set<Path> tempDirs;

    private Leftovers(Set<Thread> threads, Set<Path> tempDirs) {
        this.threads = threads;
        this.tempDirs = tempDirs;
    }

    public static Leftovers now() {
        return new Leftovers(nonDaemonThreads(), sandboxTempDirs());
    }

    /** Threads may take a moment to finish after close; wait up to 10 s before calling it a leak. */
    public void assertNothingNewRemains() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Set<Thread> newThreads = newThreads();
        while (!newThreads.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            newThreads = newThreads();
        }
        assertThat(newThreads).as("non-daemon threads left running").extracting(Thread::getName).isEmpty();
        Set<Path> newDirs = sandboxTempDirs();
        newDirs.removeAll(tempDirs);
        assertThat(newDirs).as("sandbox temp dirs left behind").isEmpty();
    }

    private Set<Thread> newThreads() {
        Set<Thread> now = nonDaemonThreads();
        now.removeAll(threads);
        return now;
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    /** Those of this JVM only: other processes on the machine may run sandboxes of their own. */
    private static Set<Path> sandboxTempDirs() {
        return TempDirs.created().stream().filter(Files::exists).collect(Collectors.toSet());
    }
}
