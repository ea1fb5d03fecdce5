package dev.brokersandbox.junit.internal;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Puts what the extension opens into a JUnit Store so that JUnit closes it when the Store's
 * scope ends, on every supported JUnit version: see {@link ClosedOnce}. Every resource the
 * extension stores goes through here.
 */
public final class StoreResources {

    private StoreResources() {
    }

    /** Stores {@code resource} under {@code key}; JUnit closes it with the Store. */
    public static void put(ExtensionContext.Store store, Object key, AutoCloseable resource) {
        store.put(key, new ClosedOnce<>(resource));
    }

    /** {@code resource} in the form a Store closes on every supported JUnit, for a value computed in place. */
    public static Object closedWithStore(AutoCloseable resource) {
        return new ClosedOnce<>(resource);
    }

    /** The resource inside a value made by {@link #closedWithStore}. */
    public static <T extends AutoCloseable> T resource(Object stored, Class<T> type) {
        return type.cast(((ClosedOnce<?>) stored).resource());
    }

    /** The resource under {@code key}, opened with {@code open} if there is none yet; JUnit closes it with the Store. */
    public static <T extends AutoCloseable> T getOrOpen(ExtensionContext.Store store, Object key, Class<T> type,
                                                        Supplier<T> open) {
        ClosedOnce<?> stored = store.getOrComputeIfAbsent(key, k -> new ClosedOnce<>(open.get()), ClosedOnce.class);
        return type.cast(stored.resource());
    }
}
