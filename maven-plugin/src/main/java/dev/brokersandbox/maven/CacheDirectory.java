package dev.brokersandbox.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The broker sandbox's cache directory, found as sandbox-core's {@code dev.brokersandbox.internal.CacheDirectory}
 * finds it (the plugin does not load sandbox-core; {@code CacheDirectoryTest} keeps the two in step).
 */
final class CacheDirectory {

    static final String PROPERTY = "brokersandbox.cache.dir";
    static final String VARIABLE = "BROKERSANDBOX_CACHE_DIR";

    private CacheDirectory() {
    }

    /** The configured directory, else the user's cache, else the temp directory; null when none is writable. */
    static Path root(Properties system, Map<String, String> environment) {
        String configured = system.getProperty(PROPERTY, environment.get(VARIABLE));
        if (configured != null && !configured.isBlank()) {
            return writable(Path.of(configured));
        }
        Path fallback = Path.of(system.getProperty("java.io.tmpdir"), "broker-sandbox-cache-" + system.getProperty("user.name"));
        for (Path candidate : List.of(userCache(system, environment), fallback)) {
            Path root = writable(candidate);
            if (root != null) {
                return root;
            }
        }
        return null;
    }

    private static Path writable(Path directory) {
        try {
            Path root = Files.createDirectories(directory);
            return Files.isWritable(root) ? root : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Path userCache(Properties system, Map<String, String> environment) {
        String os = system.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(system.getProperty("user.home"));
        String xdg = environment.get("XDG_CACHE_HOME");
        String localAppData = environment.get("LOCALAPPDATA");
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
