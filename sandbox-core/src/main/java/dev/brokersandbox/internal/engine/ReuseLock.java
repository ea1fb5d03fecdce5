package dev.brokersandbox.internal.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.brokersandbox.SandboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets one JVM at a time (and one thread of it) look for the reuse launcher and start it, so that
 * two test JVMs started together (two IDE runs, Surefire forks) end with one launcher, not two.
 * An OS file lock: the system releases it when its holder dies, so a killed JVM never blocks the
 * next one. The file stays: deleting a lock file lets a third JVM lock a new file while a second
 * still holds the old one.
 */
final class ReuseLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReuseLock.class);
    static final String FILE = "reuse-launcher.lock";
    private static final long POLL_MS = 50;
    /** File locks belong to the whole JVM (a second lock from it throws): its threads queue here first. */
    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

    private final FileChannel channel;
    private final FileLock lock;

    private ReuseLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code file}, waiting at most {@code wait} for the JVM (or thread) that holds it.
     *
     * @param holderDoes what a holder does meanwhile, for the messages: "starting the reuse launcher"
     * @throws SandboxException naming the file when the wait is over
     */
    static ReuseLock acquire(Path file, Duration wait, String holderDoes) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            if (!IN_THIS_JVM.tryLock()) {
                LOG.info("Reuse mode: waiting up to {} s for another thread of this JVM {}", wait.toSeconds(), holderDoes);
                if (!IN_THIS_JVM.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw timeout(file, wait, holderDoes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while waiting for the reuse launcher's lock file " + file, e);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                LOG.info("Reuse mode: waiting up to {} s for another JVM {} (it holds {})", wait.toSeconds(), holderDoes, file);
            }
            while (lock == null) {
                if (System.nanoTime() > deadline) {
                    throw timeout(file, wait, holderDoes);
                }
                Thread.sleep(POLL_MS);
                lock = channel.tryLock();
            }
            return new ReuseLock(channel, lock);
        } catch (IOException e) {
            release(channel);
            throw new SandboxException("Could not lock " + file + " (reuse mode finds and starts its launcher under "
                    + "it): " + e + ". Is the cache directory writable? Set -Dbrokersandbox.cache.dir to one that is.", e);
        } catch (InterruptedException e) {
            release(channel);
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while waiting for the reuse launcher's lock file " + file, e);
        } catch (RuntimeException | Error e) {
            release(channel);
            throw e;
        }
    }

    private static SandboxException timeout(Path file, Duration wait, String holderDoes) {
        return new SandboxException("Reuse mode: another JVM (or thread) held " + file + " for over " + wait.toSeconds() + " s "
                + holderDoes + ". Look at reuse-launcher.log beside it; stop that JVM, or turn reuse mode off "
                + "(brokersandbox.reuse=false), to go on.");
    }

    private static void release(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close(); // releases the lock too
            }
        } catch (IOException ignored) {
            // nothing more to release
        } finally {
            IN_THIS_JVM.unlock();
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it as well
        }
        release(channel);
    }
}
