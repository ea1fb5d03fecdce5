package dev.brokersandbox.spring.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;

import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.SandboxExtension;
import dev.brokersandbox.junit.internal.AnnotationConfig;
import dev.brokersandbox.junit.internal.ProgrammaticConfigs;
import dev.brokersandbox.junit.internal.SandboxConfig;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Spring's test framework asks this, for every test class, before it builds (or finds in its
 * cache) the class's application context: a class with {@link BrokerSandbox}, or with a
 * {@code @RegisterExtension static SandboxExtension} field (on itself or, for a {@code @Nested}
 * class, on an enclosing class, as JUnit finds them), gets a {@link SandboxContextCustomizer}.
 * Registered in {@code META-INF/spring.factories}.
 */
final class SandboxContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return declaration(testClass).map(found -> customizer(found, testClass)).orElse(null);
    }

    /**
     * How a class declares its sandbox: the annotation, or the extension instance of its field. Either
     * is the context's cache key: equal annotations (or one shared extension instance) share a context.
     */
    record Declaration(Object key, SandboxConfig config, String tlsAttribute, String saslAttribute) {
    }

    private static SandboxContextCustomizer customizer(Declaration declaration, Class<?> testClass) {
        SandboxConfig config = declaration.config();
        if (config.options().tls() || config.options().kafkaSasl() != null) {
            // Boot would connect in plain text to a TLS port, or without a login: say so now, not as a timeout.
            throw new ExtensionConfigurationException((config.options().tls() ? declaration.tlsAttribute()
                    : declaration.saslAttribute()) + " on " + testClass.getSimpleName() + ": the Spring Boot wiring "
                    + "connects the application without TLS and SASL; remove it from this Spring test, or "
                    + "configure the application yourself from SandboxInfo (kafkaClientConfig(), trustStore()) in a test "
                    + "without @SpringBootTest");
        }
        return new SandboxContextCustomizer(declaration.key(), config, SpringRun.current());
    }

    /** The same search as JUnit's: the class and its superclasses, then enclosing classes. */
    static Optional<Declaration> declaration(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<BrokerSandbox> annotation = AnnotationSupport.findAnnotation(c, BrokerSandbox.class);
            if (annotation.isPresent()) {
                BrokerSandbox a = annotation.get();
                return Optional.of(new Declaration(a, AnnotationConfig.of(a, testClass), "@BrokerSandbox(tls = true)",
                        "@BrokerSandbox(kafkaSasl = \"" + a.kafkaSasl() + "\")"));
            }
            Optional<SandboxExtension> registered = registeredExtension(c);
            if (registered.isPresent()) {
                SandboxConfig config = ProgrammaticConfigs.of(registered.get());
                return Optional.of(new Declaration(registered.get(), config, "SandboxExtension.builder().tls()",
                        "SandboxExtension.builder().kafkaSasl(..)"));
            }
        }
        return Optional.empty();
    }

    /** The value of a {@code @RegisterExtension static SandboxExtension} field of {@code c}, if it has one. */
    private static Optional<SandboxExtension> registeredExtension(Class<?> c) {
        List<Field> fields = ReflectionSupport.findFields(c, f -> SandboxExtension.class.isAssignableFrom(f.getType())
                && AnnotationSupport.isAnnotated(f, RegisterExtension.class), HierarchyTraversalMode.BOTTOM_UP);
        for (Field field : fields) {
            if (!Modifier.isStatic(field.getModifiers())) {
                // An instance field is set when JUnit creates the test instance: after Spring built the context.
                throw new ExtensionConfigurationException("@RegisterExtension SandboxExtension " + field.getName() + " on "
                        + c.getSimpleName() + " is not static: make it static, so the Spring application context, "
                        + "built before the test instance, can be wired to the sandbox");
            }
            Object value = ReflectionSupport.tryToReadFieldValue(field, null).toOptional().orElse(null);
            if (value instanceof SandboxExtension extension) {
                return Optional.of(extension);
            }
        }
        return Optional.empty();
    }
}
