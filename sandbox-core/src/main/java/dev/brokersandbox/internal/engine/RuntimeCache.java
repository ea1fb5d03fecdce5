package dev.brokersandbox.internal.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import dev.brokersandbox.SandboxException;
import dev.brokersandbox.internal.CacheDirectory;
import dev.brokersandbox.internal.TempDirs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks the brokers' jars once per content into a cache directory that every JVM of the user
 * shares (a class loader reads plain files fastest, and a stable path is what class data sharing
 * needs):
 * <ul>
 *   <li>one directory per content, {@code runtime-<version>-<key>}, which appears complete or not
 *       at all: it is unpacked beside it and renamed into place, and when two JVMs race, the
 *       second one's copy is dropped;</li>
 *   <li>a JVM that uses a directory holds a shared lock on its {@code .lock} file until it exits,
 *       so clean-up (an exclusive try-lock) never deletes a runtime another JVM is running;</li>
 *   <li>clean-up keeps the {@value #KEEP} most recently used other runtimes and deletes older ones
 *       that nobody holds, and unpacking leftovers of crashed JVMs.</li>
 * </ul>
 * Where: {@link CacheDirectory#root()}.
 */
final class RuntimeCache {

    static final String DIRECTORY_PROPERTY = CacheDirectory.PROPERTY;
    private static final int KEEP = 2;
    private static final Duration LOCK_WAIT = Duration.ofSeconds(60);
    private static final Duration ABANDONED_UNPACK = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeCache.class);

    /** Lock files this JVM holds a shared lock on, open for the JVM's life. */
    private static final Map<Path, FileChannel> HELD = new HashMap<>();

    private RuntimeCache() {
    }

    /** The bundle's jars, unpacked under {@code root} (see {@link CacheDirectory#root()}), in class path order. */
    static synchronized List<Path> unpacked(RuntimeBundle bundle, Path root) {
        List<RuntimeBundle.Nested> nestedJars = bundle.jars();
        String name = "runtime-" + bundle.version() + "-" + RuntimeBundle.key(nestedJars);
        Path directory = root.resolve(name);
        Path lockFile = root.resolve(name + ".lock");
        try {
            holdShared(lockFile);
            if (!Files.isDirectory(directory)) {
                unpack(bundle, root, directory);
            }
            List<Path> jars = new ArrayList<>();
            for (RuntimeBundle.Nested nested : nestedJars) {
                Path jar = directory.resolve(nested.name());
                if (!Files.isRegularFile(jar) || Files.size(jar) != nested.size()) {
                    throw new SandboxException("The cached broker runtime " + directory + " is damaged (" + nested.name()
                            + " is missing or of another size). Delete that directory; it is unpacked again at the next start.");
                }
                jars.add(jar);
            }
            Files.setLastModifiedTime(lockFile, FileTime.from(Instant.now()));
            cleanOthers(root, name);
            return jars;
        } catch (IOException e) {
            throw new SandboxException("Could not unpack the brokers' runtime from " + bundle.location() + " into "
                    + directory + ": " + e + ". Set -D" + DIRECTORY_PROPERTY + "=<a writable directory>.", e);
        }
    }

    private static void holdShared(Path lockFile) throws IOException {
        if (HELD.containsKey(lockFile)) {
            return;
        }
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        try {
            while (true) {
                FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
                if (lock != null) {
                    HELD.put(lockFile, channel);
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("another process held " + lockFile + " for over " + LOCK_WAIT.toSeconds() + " s");
                }
                Thread.sleep(20); // held exclusively only while a JVM deletes an old runtime
            }
        } catch (InterruptedException e) {
            channel.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + lockFile, e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void unpack(RuntimeBundle bundle, Path root, Path directory) throws IOException {
        Path unpacking = root.resolve(".unpacking-" + UUID.randomUUID());
        Files.createDirectory(unpacking);
        try {
            bundle.copyTo(unpacking);
            Files.move(unpacking, directory, StandardCopyOption.ATOMIC_MOVE);
            LOG.debug("Unpacked the brokers' runtime into {}", directory);
        } catch (IOException e) {
            if (!Files.isDirectory(directory)) {
                throw e;
            }
            LOG.debug("Another JVM unpacked the brokers' runtime into {} first", directory);
        } finally {
            TempDirs.deleteQuietly(unpacking);
        }
    }

    private static void cleanOthers(Path root, String mine) {
        try (Stream<Path> entries = Files.list(root)) {
            List<Path> others = new ArrayList<>();
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".unpacking-") && isOlderThan(entry, ABANDONED_UNPACK)) {
                    TempDirs.deleteQuietly(entry);
                } else if (name.startsWith("runtime-") && name.endsWith(".lock") && !name.equals(mine + ".lock")) {
                    others.add(entry);
                }
            }
            others.sort(Comparator.comparing(RuntimeCache::lastModified).reversed());
            for (Path lockFile : others.subList(Math.min(KEEP, others.size()), others.size())) {
                deleteIfUnused(lockFile);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not clean old broker runtimes from {}", root, e);
        }
    }

    private static void deleteIfUnused(Path lockFile) throws IOException {
        if (HELD.containsKey(lockFile)) {
            // Not even opened: closing a second channel on a file can release this JVM's lock on it.
            return;
        }
        String file = lockFile.getFileName().toString();
        Path directory = lockFile.resolveSibling(file.substring(0, file.length() - ".lock".length()));
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock != null) {
                TempDirs.delete(directory);
                Files.deleteIfExists(lockFile);
                LOG.debug("Deleted the unused broker runtime {}", directory);
            }
        }
    }

    private static boolean isOlderThan(Path path, Duration age) throws IOException {
        return Files.getLastModifiedTime(path).toInstant().isBefore(Instant.now().minus(age));
    }

    private static FileTime lastModified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
