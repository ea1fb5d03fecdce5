package dev.brokersandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The TLS brokers of a JVM share one trust store file, deleted with the last of them. */
class TlsTrustStoreLifetimeTest {

    @Test
    void theTrustStoreFileOutlivesEveryTlsBrokerButTheLast() {
        Leftovers before = Leftovers.now();
        Path path;
        try (Sandbox first = Sandbox.builder().tls().amqp().start()) {
            path = first.trustStore().path();
            try (Sandbox second = Sandbox.builder().tls().amqp().start()) {
                assertThat(second.trustStore().path()).isEqualTo(path);
            }
            assertThat(path).as("still handed out by the first sandbox").exists();
        }
        assertThat(path).doesNotExist();
        before.assertNothingNewRemains();
    }
}
