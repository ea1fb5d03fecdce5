package dev.brokersandbox.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.LoggerFactory;

/** Temp directories of the sandbox: one recognisable prefix, removed completely on close. */
public final class TempDirs {

    /** Every directory the sandbox creates starts with this, so a leak is easy to spot. */
    public static final String PREFIX = "broker-sandbox-";

    /** Every directory created in this JVM, so a test can check that each one is gone again. */
    private static final Set<Path> CREATED = ConcurrentHashMap.newKeySet();

    private TempDirs() {
    }

    public static Path create(String purpose) {
        try {
            Path dir = Files.createTempDirectory(PREFIX + purpose + "-");
            CREATED.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temp directory for " + purpose + " in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage()
                    + ". Is java.io.tmpdir writable?", e);
        }
    }

    /** The directories this JVM's sandboxes created so far, deleted or not. */
    public static Set<Path> created() {
        return Set.copyOf(CREATED);
    }

    /** Deletes {@code dir} like {@link #delete(Path)}, logging a failure instead of throwing it. */
    public static void deleteQuietly(Path dir) {
        try {
            delete(dir);
        } catch (IOException e) {
            LoggerFactory.getLogger(TempDirs.class).warn("Could not delete the sandbox's temp directory {}: {}", dir, e.toString());
        }
    }

    /** Deletes {@code dir} and everything below it; a missing directory is not an error. */
    public static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
