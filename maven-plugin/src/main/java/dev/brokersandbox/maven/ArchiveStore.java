package dev.brokersandbox.maven;

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
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The archives in {@code <cache>/cds}: one file per key, which appears complete or not at all (it
 * is written beside it and renamed into place, because the JVM maps an archive and a truncated one
 * crashes it with SIGBUS rather than being refused), shared by every build of the user.
 */
final class ArchiveStore {

    /** Archives kept per kind: the one in use and the two used before it (another JDK, a previous version). */
    static final int KEEP = 3;
    private static final Duration ABANDONED = Duration.ofHours(1);

    private final Path directory;

    ArchiveStore(Path cacheRoot) throws IOException {
        this.directory = Files.createDirectories(cacheRoot.resolve("cds"));
    }

    Path archive(String kind, String key) {
        return directory.resolve(kind + "-" + key + ".jsa");
    }

    static boolean ready(Path archive) {
        try {
            return Files.isRegularFile(archive) && Files.size(archive) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** A fresh name beside {@code archive} to write it under. */
    Path temporary(Path archive) {
        return directory.resolve("." + archive.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    /**
     * Renames a complete archive into place; when another build got there first, theirs stays. (Were
     * both to rename at once, the later one replaces the earlier atomically: two complete archives of
     * one key, and a JVM that mapped the first keeps it.)
     */
    static void adopt(Path written, Path archive) throws IOException {
        try {
            if (Files.exists(archive)) {
                return;
            }
            Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.exists(archive)) {
                throw e;
            }
        } finally {
            Files.deleteIfExists(written);
        }
    }

    /** Marks {@code archive} as used now, so that clean-up keeps it. */
    static void touch(Path archive) {
        try {
            Files.setLastModifiedTime(archive, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // Only the order of clean-up suffers.
        }
    }

    /**
     * Deletes archives of {@code kind} beyond the {@value #KEEP} most recently used, and temporary
     * files of crashed builds. On Linux and macOS a JVM that maps a deleted archive keeps it; on
     * Windows the delete fails and the file stays for the next clean-up.
     */
    void clean(String kind) {
        try (Stream<Path> entries = Files.list(directory)) {
            List<Path> all = entries.toList();
            List<Path> archives = all.stream()
                    .filter(p -> p.getFileName().toString().startsWith(kind + "-") && p.toString().endsWith(".jsa"))
                    .sorted(Comparator.comparing(ArchiveStore::lastModified).reversed())
                    .toList();
            for (Path old : archives.subList(Math.min(KEEP, archives.size()), archives.size())) {
                old.toFile().setWritable(true); // the JVM writes archives read-only, which Windows will not delete
                Files.deleteIfExists(old);
                Files.deleteIfExists(lockFile(old));
            }
            for (Path entry : all) {
                String name = entry.getFileName().toString();
                if (name.startsWith("." + kind + "-") && name.endsWith(".tmp")
                        && lastModified(entry).toInstant().isBefore(Instant.now().minus(ABANDONED))) {
                    Files.deleteIfExists(entry);
                }
            }
        } catch (IOException e) {
            // Clean-up is best effort: an old archive costs disk space, never correctness.
        }
    }

    /** Runs {@code work} while holding {@code archive}'s lock file, so two builds do not train it twice. */
    static <T> T locked(Path archive, Duration wait, IoSupplier<T> work) throws IOException, InterruptedException {
        synchronized (ArchiveStore.class) { // a FileLock is per process: parallel modules of one build queue here
            try (FileChannel channel = FileChannel.open(lockFile(archive), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                long deadline = System.nanoTime() + wait.toNanos();
                FileLock acquired;
                while ((acquired = channel.tryLock()) == null) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("another build held " + lockFile(archive) + " for over " + wait.toSeconds() + " s");
                    }
                    Thread.sleep(100);
                }
                try (FileLock lock = acquired) {
                    return work.get();
                }
            }
        }
    }

    interface IoSupplier<T> {
        T get() throws IOException, InterruptedException;
    }

    private static Path lockFile(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".lock");
    }

    private static FileTime lastModified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
