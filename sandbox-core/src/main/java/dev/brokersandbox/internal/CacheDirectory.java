package dev.brokersandbox.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import dev.brokersandbox.SandboxException;
import org.slf4j.LoggerFactory;

/**
 * The directory every JVM of the user shares for what outlives one JVM: the unpacked brokers'
 * runtime ({@code RuntimeCache}) and the launcher's class data sharing archive. The Maven plugin
 * finds the same directory with a copy of this logic (its {@code CacheDirectoryTest} checks both agree).
 */
public final class CacheDirectory {

    public static final String PROPERTY = "brokersandbox.cache.dir";
    public static final String VARIABLE = "BROKERSANDBOX_CACHE_DIR";

    private CacheDirectory() {
    }

    /**
     * {@value #PROPERTY} or {@code BROKERSANDBOX_CACHE_DIR} when set, else the platform's user cache
     * directory, else the temp directory.
     */
    public static Path root() {
        String configured = System.getProperty(PROPERTY, System.getenv(VARIABLE));
        if (configured != null && !configured.isBlank()) {
            Path root = Path.of(configured);
            try {
                return Files.createDirectories(root);
            } catch (IOException e) {
                throw new SandboxException("Cannot use " + root + " (from " + PROPERTY + " or "
                        + VARIABLE + ") for the brokers' runtime: " + e + ". Name a writable directory.", e);
            }
        }
        Path fallback = Path.of(System.getProperty("java.io.tmpdir"), "broker-sandbox-cache-" + System.getProperty("user.name"));
        for (Path candidate : List.of(userCache(), fallback)) {
            try {
                Path root = Files.createDirectories(candidate);
                if (Files.isWritable(root)) {
                    return root;
                }
            } catch (IOException e) {
                // Not a static logger: the launcher calls this before it decides which JVM runs the brokers.
                LoggerFactory.getLogger(CacheDirectory.class).debug("Cannot use {} for the brokers' runtime", candidate, e);
            }
        }
        throw new SandboxException("Found no writable directory for the brokers' runtime (tried " + userCache()
                + " and " + fallback + "). Set -D" + PROPERTY + "=<a writable directory>.");
    }

    private static Path userCache() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        String xdg = System.getenv("XDG_CACHE_HOME");
        String localAppData = System.getenv("LOCALAPPDATA");
        Path base;
        if (os.contains("win") && localAppData != null) {
            base = Path.of(localAppData);
        } else if (os.contains("mac")) {
            base = home.resolve("Library").resolve("Caches");
        } else if (xdg != null && !xdg.isBlank()) {
            base = Path.of(xdg);
        } else {
            base = home.resolve(".cache");
        }
        return base.resolve("broker-sandbox");
    }
}
