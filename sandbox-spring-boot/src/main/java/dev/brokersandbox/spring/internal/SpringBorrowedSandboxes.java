package dev.brokersandbox.spring.internal;

import dev.brokersandbox.ExternalBrokers;
import dev.brokersandbox.SandboxOptions;
import dev.brokersandbox.junit.internal.BorrowedSandboxes;
import dev.brokersandbox.junit.internal.ClassSandbox;
import dev.brokersandbox.junit.internal.ExternalConfig;
import dev.brokersandbox.junit.internal.SharedBrokers;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Gives the JUnit extension the application context's view of the brokers for a Spring test
 * class, so the clients it injects (Producer, Consumer, Channel, SandboxInfo) use the virtual host
 * and topics the application uses. Loads the class's context if Spring has not yet (it would
 * before the first test anyway), and marks the context in use until the class ends
 * ({@link ContextPausing}). Found by {@code ServiceLoader}; public for that reason only.
 */
public final class SpringBorrowedSandboxes implements BorrowedSandboxes {

    @Override
    public ClassSandbox find(ExtensionContext classContext, Object owner) {
        Class<?> testClass = classContext.getRequiredTestClass();
        if (!usesSpringExtension(testClass)) {
            return null;
        }
        skipIfTheExternalKafkaIsTooSmall(testClass);
        ApplicationContext context = SpringExtension.getApplicationContext(classContext);
        ContextSandbox sandbox = context.getBeanProvider(ContextSandbox.class).getIfAvailable();
        if (sandbox == null) {
            return null;
        }
        AutoCloseable inUse = sandbox.ownBrokers() != null ? () -> { }
                : ContextPausing.use(sandbox.context(), SpringBrokers.contexts());
        return ClassSandbox.borrowing(sandbox::kafka, sandbox::amqp, sandbox::virtualHost, sandbox.ownBrokers(), owner,
                testClass, sandbox.config(), sandbox.external() != null, inUse);
    }

    /**
     * Before the context is built, so that the class is skipped, as the extension skips it, rather
     * than failed by a context that cannot load (Spring wraps what the context's start throws).
     */
    private static void skipIfTheExternalKafkaIsTooSmall(Class<?> testClass) {
        SandboxContextCustomizerFactory.declaration(testClass).ifPresent(declaration -> {
            SandboxOptions options = declaration.config().options();
            SpringRun run = SpringRun.current();
            ExternalBrokers external = run.external();
            if (external != null && external.hasKafka() && options.kafkaBrokers() > 1) {
                try {
                    ExternalConfig.requireKafkaBrokers(external, SpringBrokers.shared(run).kafka(options), options, testClass);
                } finally {
                    SpringBrokers.disconnectIfIdle(run); // nothing holds them yet: the class's context connects again
                }
            }
        });
    }

    /** The JVM's brokers, which Spring's cached contexts need until the JVM exits: plain test classes share them too. */
    @Override
    public SharedBrokers sharedBrokers() {
        return SpringBrokers.shared();
    }

    /** {@code @SpringBootTest}, {@code @SpringJUnitConfig} and the slices say so with {@code @ExtendWith(SpringExtension.class)}. */
    private static boolean usesSpringExtension(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            for (ExtendWith extendWith : AnnotationSupport.findRepeatableAnnotations(c, ExtendWith.class)) {
                for (Class<?> extension : extendWith.value()) {
                    if (extension == SpringExtension.class) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
