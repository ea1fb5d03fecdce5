package dev.brokersandbox.internal.engine;

import java.nio.file.Path;

/** The plugin's tests reach the package-private cache directory of sandbox-core through this. */
public final class RuntimeCacheAccess {

    private RuntimeCacheAccess() {
    }

    public static Path root() {
        return RuntimeCache.root();
    }
}
