package dev.brokersandbox.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Directories the user chose to keep broker data in across runs: created when missing, never deleted. */
public final class DataDirs {

    private DataDirs() {
    }

    /** {@code dataDir/broker}, created with its parents when missing. */
    public static Path create(Path dataDir, String broker) {
        Path dir = dataDir.resolve(broker);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + dir + " to keep the " + broker
                    + " data in: " + e + ". Choose a writable data directory.", e);
        }
    }
}
