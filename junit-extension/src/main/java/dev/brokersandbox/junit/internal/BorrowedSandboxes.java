package dev.brokersandbox.junit.internal;

import java.util.ServiceLoader;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A framework that keeps a test class's view of the brokers itself, longer than the class: the
 * Spring module's cached application contexts own a virtual host and topics, and the clients the
 * extension injects into the class must point at those. Implementations are found with
 * {@link ServiceLoader} ({@code META-INF/services}); junit-extension alone has none.
 */
public interface BorrowedSandboxes {

    /**
     * The view {@code classContext}'s test class must use, or null when this framework does not
     * manage the class (the extension then gives it a view of its own).
     *
     * @param owner the extension instance, for {@link ClassSandbox#owner()}
     */
    ClassSandbox find(ExtensionContext classContext, Object owner);

    /**
     * The shared brokers every class of the run should use, when the framework keeps brokers that
     * outlive the JUnit run (Spring's cached contexts live until the JVM exits); null to let the
     * extension start and stop its own. The framework closes what it returns.
     */
    default SharedBrokers sharedBrokers() {
        return null;
    }
}
