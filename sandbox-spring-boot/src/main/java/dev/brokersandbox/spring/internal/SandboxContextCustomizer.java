package dev.brokersandbox.spring.internal;

import dev.brokersandbox.internal.BrokerLogLevels;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.internal.SandboxConfig;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Wires one application context to the sandbox before it refreshes: a {@link ContextSandbox}
 * (the context's virtual host and topics, removed when the context closes), Boot's connection
 * details for Kafka and RabbitMQ, and the {@code spring.kafka.*} / {@code spring.rabbitmq.*}
 * properties for code that reads them.
 *
 * <p>Equal when the {@link BrokerSandbox} annotations (or {@code SandboxExtension} instances) are
 * equal and the run is on the same brokers ({@link SpringRun}): Spring's context cache keys on it,
 * so classes that declare the same sandbox (and are otherwise configured alike) share one context,
 * and with it one virtual host and one set of topics.
 */
final class SandboxContextCustomizer implements ContextCustomizer {

    /** The {@link BrokerSandbox} annotation, or the class's {@code SandboxExtension} instance. */
    private final Object declaration;
    private final SandboxConfig config;
    private final SpringRun run;

    SandboxContextCustomizer(Object declaration, SandboxConfig config, SpringRun run) {
        this.declaration = declaration;
        this.config = config;
        this.run = run;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
        // Boot has just re-initialised the logging backend (once per context that starts it).
        BrokerLogLevels.applyAgain();
        ContextSandbox sandbox = ContextSandbox.open(config, run, merged.getTestClass(), context);
        try {
            SandboxPropertySource properties = new SandboxPropertySource(sandbox);
            ConfigurableListableBeanFactory beans = context.getBeanFactory();
            beans.registerSingleton(ContextSandbox.BEAN_NAME, sandbox);
            if (beans instanceof DefaultSingletonBeanRegistry registry) {
                // Registered before any other bean, so destroyed after all of them: the listener
                // containers and connection factories are gone before the virtual host and topics are.
                registry.registerDisposableBean(ContextSandbox.BEAN_NAME, sandbox);
            }
            ConnectionDetailsBeans.register(beans, sandbox, context.getClassLoader());
            context.getEnvironment().getPropertySources().addFirst(properties);
        } catch (RuntimeException | Error e) {
            // A context that fails here is never closed: its topics would stay.
            sandbox.destroy();
            throw e;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SandboxContextCustomizer that && declaration.equals(that.declaration) && run.equals(that.run);
    }

    @Override
    public int hashCode() {
        return 31 * declaration.hashCode() + run.hashCode();
    }

    @Override
    public String toString() {
        return "BrokerSandbox context customizer for " + declaration;
    }
}
