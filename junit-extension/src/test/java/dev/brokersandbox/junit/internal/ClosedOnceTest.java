package dev.brokersandbox.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A stored resource is closed once, whichever of its two interfaces a JUnit version calls, and however often. */
class ClosedOnceTest {

    @Test
    @SuppressWarnings("deprecation") // CloseableResource: the interface JUnit before 5.13 calls
    void closesItsResourceOnceWhicheverInterfaceJUnitCalls() throws Throwable {
        AtomicInteger closes = new AtomicInteger();
        ClosedOnce<AutoCloseable> stored = new ClosedOnce<>(closes::incrementAndGet);

        ((ExtensionContext.Store.CloseableResource) stored).close();
        ((AutoCloseable) stored).close();
        ((ExtensionContext.Store.CloseableResource) stored).close();

        assertThat(closes).hasValue(1);
    }
}
