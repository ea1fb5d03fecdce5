package dev.brokersandbox.junit.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the extension puts in a JUnit Store, in the form every JUnit from 5.10 to 6.x closes.
 * JUnit before 5.13 closes only {@code CloseableResource} values; 5.13 and later close
 * {@code AutoCloseable} values and call a value that is both once, through {@code AutoCloseable}
 * (or through {@code CloseableResource} when a user turns
 * {@code junit.jupiter.extensions.store.close.autocloseable.enabled} off): so a value that is both
 * is closed by each version, once (AbstractExtensionContext#createCloseAction in junit-jupiter-engine).
 * The flag keeps it once even if a later JUnit called both.
 */
// CloseableResource is deprecated since 5.13 (not for removal; still in 6.0 and 6.1) and is the only
// kind 5.10 to 5.12 close. Should a JUnit remove it, this class fails to load: loudly, never a leak.
// "try": close() passes on whatever the resource throws; only JUnit calls it, never a try-with-resources.
@SuppressWarnings({"deprecation", "try"})
final class ClosedOnce<T extends AutoCloseable> implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final T resource;
    private final AtomicBoolean closed = new AtomicBoolean();

    ClosedOnce(T resource) {
        this.resource = resource;
    }

    T resource() {
        return resource;
    }

    @Override
    public void close() throws Exception {
        if (closed.compareAndSet(false, true)) {
            resource.close();
        }
    }
}
