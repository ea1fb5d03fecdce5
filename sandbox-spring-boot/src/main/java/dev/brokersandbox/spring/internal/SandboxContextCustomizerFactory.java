package dev.brokersandbox.spring.internal;

import java.util.List;
import java.util.Optional;

import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.internal.AnnotationConfig;
import dev.brokersandbox.junit.internal.SandboxConfig;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Spring's test framework asks this, for every test class, before it builds (or finds in its
 * cache) the class's application context: a class with {@link BrokerSandbox} (on itself or, for
 * a {@code @Nested} class, on an enclosing class, as the JUnit extension finds it) gets a
 * {@link SandboxContextCustomizer}. Registered in {@code META-INF/spring.factories}.
 */
final class SandboxContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return annotation(testClass).map(found -> customizer(found, testClass)).orElse(null);
    }

    private static SandboxContextCustomizer customizer(BrokerSandbox annotation, Class<?> testClass) {
        SandboxConfig config = AnnotationConfig.of(annotation, testClass);
        if (config.options().tls() || config.options().kafkaSasl() != null) {
            // Boot would connect in plain text to a TLS port, or without a login: say so now, not as a timeout.
            throw new ExtensionConfigurationException("@BrokerSandbox(" + (config.options().tls() ? "tls = true" : "kafkaSasl = \""
                    + annotation.kafkaSasl() + "\"") + ") on " + testClass.getSimpleName() + ": the Spring Boot wiring "
                    + "connects the application without TLS and SASL; remove it from this Spring test, or configure the "
                    + "application yourself from SandboxInfo (kafkaClientConfig(), trustStore()) in a test without @SpringBootTest");
        }
        return new SandboxContextCustomizer(annotation, config);
    }

    /** The same search as the extension's: the class, its superclasses, then enclosing classes. */
    static Optional<BrokerSandbox> annotation(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<BrokerSandbox> found = AnnotationSupport.findAnnotation(c, BrokerSandbox.class);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
