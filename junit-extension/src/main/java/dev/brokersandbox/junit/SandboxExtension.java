package dev.brokersandbox.junit;

import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import com.rabbitmq.client.BuiltinExchangeType;
import dev.brokersandbox.AmqpSetup;
import dev.brokersandbox.ExternalBrokers;
import dev.brokersandbox.KafkaSaslMechanism;
import dev.brokersandbox.KafkaSetup;
import dev.brokersandbox.KafkaUser;
import dev.brokersandbox.NotOnExternalBrokersException;
import dev.brokersandbox.Sandbox;
import dev.brokersandbox.SandboxOptions;
import dev.brokersandbox.junit.internal.AnnotationConfig;
import dev.brokersandbox.junit.internal.BorrowedSandboxes;
import dev.brokersandbox.junit.internal.ClassSandbox;
import dev.brokersandbox.junit.internal.ExternalConfig;
import dev.brokersandbox.junit.internal.InjectedClients;
import dev.brokersandbox.junit.internal.ProgrammaticConfigs;
import dev.brokersandbox.junit.internal.SandboxConfig;
import dev.brokersandbox.junit.internal.SharedBrokers;
import dev.brokersandbox.junit.internal.StoreResources;
import dev.brokersandbox.junit.internal.TopicLockSupport;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/**
 * The Jupiter extension behind {@link BrokerSandbox}, for configuration in code:
 *
 * <pre>{@code
 * @RegisterExtension
 * static SandboxExtension sandbox = SandboxExtension.builder()
 *         .topic("orders", 3)
 *         .queue("hello")
 *         .build();
 * }</pre>
 *
 * Register it in a {@code static} field, so the topics and queues exist before {@code @BeforeAll}.
 * It behaves as the annotation does: shared brokers, a virtual host of the class's own, fresh
 * topics, and the same injectable parameters.
 */
public final class SandboxExtension implements TestInstancePreConstructCallback, BeforeAllCallback, BeforeEachCallback,
        ParameterResolver, TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SandboxExtension.class);
    private static final String CLASS_SANDBOX = "classSandbox";
    private static final String METHOD_TOPICS = "methodTopics";
    private static final String BORROWED = "borrowed";
    private static final Object NOT_BORROWED = new Object();

    /** Null when the configuration comes from {@link BrokerSandbox} on the test class. */
    private final SandboxConfig programmatic;

    static {
        // For frameworks that see the field before JUnit runs the class (the Spring module's context customizer).
        ProgrammaticConfigs.install(extension -> extension.programmatic);
    }

    /** Used by {@link BrokerSandbox}; register with {@link #builder()} in code. */
    SandboxExtension() {
        this(null);
    }

    private SandboxExtension(SandboxConfig programmatic) {
        this.programmatic = programmatic;
    }

    /** The frameworks that keep a class's view themselves (the Spring module), looked up on first use. */
    private static final class Borrowing {
        static final List<BorrowedSandboxes> INSTALLED = ServiceLoader
                .load(BorrowedSandboxes.class, BorrowedSandboxes.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).collect(Collectors.toUnmodifiableList());
    }

    /** A builder for {@code @RegisterExtension}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * With {@code @TestInstance(PER_CLASS)} the class's sandbox opens before its instance is made:
     * a framework may build what the class needs right then (Spring: the application context, in
     * its instance post-processor), and a class that external brokers cannot serve must be skipped
     * before that, not failed by it.
     */
    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
        if (context.getTestInstanceLifecycle().orElse(null) == TestInstance.Lifecycle.PER_CLASS
                && context.getTestMethod().isEmpty()) {
            beforeAll(context);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ClassSandbox sandbox;
        try {
            sandbox = classSandbox(context);
        } catch (RuntimeException e) {
            throw (RuntimeException) skippedOnExternalBrokers(e); // TestAbortedException is one
        }
        if (programmatic == null && sandbox.declaresTopics()) {
            TopicLockSupport.warnIfSchedulerCannotSeeTopics(context);
        }
    }

    /**
     * What external brokers cannot do (restart, stop a broker, a data directory) skips the test, as
     * an assumption that does not hold, naming why; every other failure stays one.
     */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw skippedOnExternalBrokers(throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw skippedOnExternalBrokers(throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw skippedOnExternalBrokers(throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw skippedOnExternalBrokers(throwable);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw skippedOnExternalBrokers(throwable);
    }

    /** {@code throwable}, or an aborted test if it (or its cause) is what external brokers cannot do. */
    private static Throwable skippedOnExternalBrokers(Throwable throwable) {
        for (Throwable t = throwable; t != null; t = t.getCause()) {
            if (t instanceof NotOnExternalBrokersException external) {
                return new TestAbortedException("Skipped on external brokers: " + external.getMessage(), throwable);
            }
        }
        return throwable;
    }

    /** Topics declared with {@code @Topic} on the test method: created fresh before it, deleted after it. */
    @Override
    public void beforeEach(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        KafkaSetup topics = AnnotationConfig.methodTopics(method);
        if (topics.topics().isEmpty()) {
            return;
        }
        TopicLockSupport.warnIfSchedulerCannotSeeTopics(context);
        ClassSandbox target = classSandbox(context);
        String holder = method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
        StoreResources.put(context.getStore(NAMESPACE), METHOD_TOPICS, target.openMethodTopics(topics, holder));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == SandboxInfo.class || type == Sandbox.class || InjectedClients.supports(type);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ClassSandbox target = classSandbox(extensionContext);
        Parameter parameter = parameterContext.getParameter();
        if (parameter.getType() == SandboxInfo.class) {
            return info(target);
        }
        if (parameter.getType() == Sandbox.class) {
            if (target.ownSandbox() == null) {
                throw new ParameterResolutionException(describe(parameterContext) + ": the Sandbox is injected only "
                        + "into classes with @BrokerSandbox(lifecycle = PER_CLASS) (or SandboxExtension.builder().perClass()): "
                        + "it can stop and restart brokers that other classes share");
            }
            return target.ownSandbox();
        }
        String describe = describe(parameterContext);
        String group = target.name() + extensionContext.getTestMethod().map(m -> "." + m.getName()).orElse("");
        InjectedClients.Injected injected = InjectedClients.create(parameter, target, group, describe);
        StoreResources.put(extensionContext.getStore(NAMESPACE), new Object(), () -> {
            try {
                injected.closer().close();
            } catch (Exception e) {
                throw new IllegalStateException("Closing the " + parameter.getType().getSimpleName() + " injected into "
                        + describe + " failed: " + e, e);
            }
        });
        return injected.client();
    }

    /** The class's isolated view of the brokers, set up once; {@code @Nested} classes share their outer class's. */
    private ClassSandbox classSandbox(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        Class<?> testClass = classContext.getRequiredTestClass();
        ClassSandbox borrowed = borrowed(classContext, testClass);
        if (borrowed != null) {
            return borrowed;
        }
        ExtensionContext owning = classContext;
        ClassSandbox found = StoreResources.getOrOpen(owning.getStore(NAMESPACE), CLASS_SANDBOX, ClassSandbox.class,
                () -> open(owning, testClass));
        if (found.owner() != this && found.testClass() == testClass) {
            throw new ExtensionConfigurationException("SandboxExtension is registered twice on "
                    + testClass.getSimpleName() + ": use either @BrokerSandbox or a @RegisterExtension SandboxExtension, not both");
        }
        if (found.testClass() != testClass && programmatic == null
                && testClass.isAnnotationPresent(BrokerSandbox.class) && found.owner() == this) {
            throw new ExtensionConfigurationException("@BrokerSandbox on nested class " + testClass.getSimpleName()
                    + ": it shares the sandbox of " + found.testClass().getSimpleName()
                    + "; declare its topics and queues on that outer class instead");
        }
        return found;
    }

    /**
     * The view a framework keeps for this very class ({@link BorrowedSandboxes}), asked once per
     * class: keyed on the class, because a {@code @Nested} class may run in another Spring
     * application context than its outer class.
     */
    private ClassSandbox borrowed(ExtensionContext classContext, Class<?> testClass) {
        if (Borrowing.INSTALLED.isEmpty()) {
            return null;
        }
        Object found = classContext.getStore(NAMESPACE).getOrComputeIfAbsent(List.of(BORROWED, testClass), key -> {
            for (BorrowedSandboxes source : Borrowing.INSTALLED) {
                ClassSandbox view = source.find(classContext, this);
                if (view != null) {
                    return StoreResources.closedWithStore(view);
                }
            }
            return NOT_BORROWED;
        });
        return found == NOT_BORROWED ? null : StoreResources.resource(found, ClassSandbox.class);
    }

    private ClassSandbox open(ExtensionContext classContext, Class<?> testClass) {
        SandboxConfig config = programmatic != null ? programmatic : annotationConfig(testClass);
        ExternalConfig.RunBrokers run = runBrokers(classContext);
        ExternalBrokers external = run == null ? null : run.brokers();
        if (external != null && (config.options().tls() || config.options().kafkaSasl() != null)) {
            // Its clients would expect the sandbox's own certificates and users; the external brokers have theirs.
            throw new TestAbortedException("Skipped on external brokers: " + testClass.getSimpleName() + " asks for the "
                    + "sandbox's own " + (config.options().tls() ? "TLS certificates (tls = true)" : "Kafka SASL users")
                    + ", which brokers it does not start cannot have; on " + external + " their own security applies "
                    + "(brokersandbox.external.kafka.* client properties, an amqps:// URI)");
        }
        if (config.perClass()) {
            Sandbox own = Sandbox.builder().options(config.options()).external(external).start();
            try {
                ExternalConfig.requireKafkaBrokers(external, own.hasKafka() ? own.kafka() : null, config.options(), testClass);
            } catch (RuntimeException e) {
                own.close();
                throw e;
            }
            return ClassSandbox.onOwn(own, this, testClass, config, external != null);
        }
        // A framework's brokers (the Spring module's) serve plain classes too, unless the run is on external ones.
        SharedBrokers shared = external == null ? frameworkBrokers() : null;
        if (shared == null) {
            shared = StoreResources.getOrOpen(classContext.getRoot().getStore(NAMESPACE), SharedBrokers.class,
                    SharedBrokers.class, () -> new SharedBrokers(external, run != null && !run.reused()));
        }
        if (external != null && external.hasKafka() && config.options().kafkaBrokers() > 1) {
            ExternalConfig.requireKafkaBrokers(external, shared.kafka(config.options()), config.options(), testClass);
        }
        return ClassSandbox.onShared(shared, this, testClass, config);
    }

    /** One set of brokers for a run that mixes plain and Spring test classes, kept by the framework. */
    private static SharedBrokers frameworkBrokers() {
        for (BorrowedSandboxes source : Borrowing.INSTALLED) {
            SharedBrokers brokers = source.sharedBrokers();
            if (brokers != null) {
                return brokers;
            }
        }
        return null;
    }

    /** External or reuse mode's brokers, decided once per run (attaching to a reuse launcher may start it). */
    @SuppressWarnings("unchecked")
    private static ExternalConfig.RunBrokers runBrokers(ExtensionContext context) {
        return ((Optional<ExternalConfig.RunBrokers>) context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
                ExternalConfig.class, k -> ExternalConfig.resolve(context::getConfigurationParameter), Optional.class))
                .orElse(null);
    }

    private static SandboxConfig annotationConfig(Class<?> testClass) {
        Optional<BrokerSandbox> annotation = AnnotationSupport.findAnnotation(testClass, BrokerSandbox.class);
        for (Class<?> c = testClass; annotation.isEmpty() && c.getEnclosingClass() != null; c = c.getEnclosingClass()) {
            annotation = AnnotationSupport.findAnnotation(c.getEnclosingClass(), BrokerSandbox.class);
        }
        return annotation.map(a -> AnnotationConfig.of(a, testClass))
                .orElseThrow(() -> new ExtensionConfigurationException(testClass.getSimpleName()
                        + " uses SandboxExtension without @BrokerSandbox: annotate the class with @BrokerSandbox, "
                        + "or register the extension with @RegisterExtension static SandboxExtension x = SandboxExtension.builder().build()"));
    }

    private static SandboxInfo info(ClassSandbox target) {
        return new SandboxInfo(target::kafka, target::amqp, target::virtualHost, target::trustStore);
    }

    private static String describe(ParameterContext parameterContext) {
        Executable executable = parameterContext.getDeclaringExecutable();
        String owner = executable.getDeclaringClass().getSimpleName();
        String name = executable instanceof java.lang.reflect.Constructor ? owner : owner + "." + executable.getName() + "()";
        return "parameter " + parameterContext.getIndex() + " (" + parameterContext.getParameter().getType().getSimpleName()
                + ") of " + name;
    }

    /** Configuration in code; mirrors the attributes of {@link BrokerSandbox}. */
    public static final class Builder {

        private final KafkaSetup kafka = new KafkaSetup();
        private final AmqpSetup amqp = new AmqpSetup();
        private boolean perClass;
        private SandboxOptions options = SandboxOptions.defaults();

        private Builder() {
        }

        /** A Kafka topic with {@code partitions} partitions, created empty before the class runs. */
        public Builder topic(String name, int partitions) {
            kafka.topic(name, partitions);
            return this;
        }

        /** A Kafka topic with topic configs such as {@code cleanup.policy=compact}. */
        public Builder topic(String name, int partitions, Map<String, String> config) {
            kafka.topic(name, partitions, config);
            return this;
        }

        /** A replicated Kafka topic, for {@link #kafkaBrokers(int)} above 1. */
        public Builder topic(String name, int partitions, int replicationFactor, Map<String, String> config) {
            kafka.topic(name, partitions, replicationFactor, config);
            return this;
        }

        /** How many Kafka brokers; see {@link BrokerSandbox#kafkaBrokers()}. */
        public Builder kafkaBrokers(int brokers) {
            if (brokers < 1) {
                throw new IllegalArgumentException("kafkaBrokers(" + brokers + "): a Kafka needs at least 1 broker; give 1 "
                        + "(the default) for one combined broker and controller, or more for a cluster");
            }
            options = options.withKafkaBrokers(brokers);
            return this;
        }

        /**
         * Kafka's clients authenticate with SASL {@code mechanism}, the injected ones as {@code clientUser};
         * see {@link BrokerSandbox#kafkaSasl()} and {@link dev.brokersandbox.Sandbox.Builder#kafkaSasl}.
         */
        public Builder kafkaSasl(KafkaSaslMechanism mechanism, KafkaUser clientUser, KafkaUser... otherUsers) {
            List<KafkaUser> users = new ArrayList<>();
            users.add(clientUser);
            users.addAll(List.of(otherUsers));
            options = options.withKafkaSasl(mechanism, users);
            return this;
        }

        /** Clients connect with TLS only; see {@link BrokerSandbox#tls()}. */
        public Builder tls() {
            options = options.withTls(true);
            return this;
        }

        /** An AMQP user with these permissions in the class's virtual host; see {@link AmqpUser}. */
        public Builder amqpUser(String name, String password, String configure, String write, String read) {
            amqp.user(name, password, configure, write, read);
            return this;
        }

        /** A non-durable AMQP queue without arguments. */
        public Builder queue(String name) {
            amqp.queue(name);
            return this;
        }

        /** An AMQP queue with durability and arguments such as {@code x-message-ttl}. */
        public Builder queue(String name, boolean durable, Map<String, Object> arguments) {
            amqp.queue(name, durable, arguments);
            return this;
        }

        /** An AMQP exchange. */
        public Builder exchange(String name, BuiltinExchangeType type) {
            amqp.exchange(name, type);
            return this;
        }

        /** Binds a queue of this builder to an exchange of this builder (or a predeclared {@code amq.*} one). */
        public Builder bind(String exchange, String queue, String routingKey) {
            amqp.bind(exchange, queue, routingKey);
            return this;
        }

        /** Start brokers of the class's own instead of sharing the JVM's; see {@link BrokerSandbox.Lifecycle#PER_CLASS}. */
        public Builder perClass() {
            this.perClass = true;
            return this;
        }

        /** The extension, to assign to a {@code static} {@code @RegisterExtension} field. */
        public SandboxExtension build() {
            return new SandboxExtension(new SandboxConfig(kafka, amqp, perClass, options));
        }
    }
}
