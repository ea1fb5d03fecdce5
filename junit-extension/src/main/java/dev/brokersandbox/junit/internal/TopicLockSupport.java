package dev.brokersandbox.junit.internal;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether JUnit itself keeps classes that declare the same Kafka topic apart ({@link TopicLocks},
 * which needs JUnit 5.12's {@code ResourceLocksProvider}), and the one warning of a run where it
 * cannot. Isolation holds either way: {@link TopicLeases} makes the later class wait for the topic.
 */
public final class TopicLockSupport {

    private static final Logger LOG = LoggerFactory.getLogger(TopicLockSupport.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TopicLockSupport.class);
    private static final String PARALLEL = "junit.jupiter.execution.parallel.enabled";
    /** JUnit 5.12 brought the interface and {@code ResourceLock.providers()} together. */
    private static final boolean PROVIDERS = present("org.junit.jupiter.api.parallel.ResourceLocksProvider");

    private TopicLockSupport() {
    }

    /**
     * Warns once per test run, when topics are declared on annotations, JUnit runs in parallel and
     * cannot take {@link TopicLocks}: without parallel execution nothing is lost.
     */
    public static void warnIfSchedulerCannotSeeTopics(ExtensionContext context) {
        if (PROVIDERS || !context.getConfigurationParameter(PARALLEL).map(Boolean::parseBoolean).orElse(false)) {
            return;
        }
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("warned", key -> {
            String version = ResourceLock.class.getPackage().getImplementationVersion();
            LOG.warn("JUnit Jupiter {} has no ResourceLocksProvider, so its parallel scheduler may start test "
                    + "classes (or methods) that declare the same Kafka topic together: the later one then waits for "
                    + "the topic in the sandbox, holding a worker thread. Isolation holds, parallelism suffers. "
                    + "Use JUnit 5.12 or later to have JUnit schedule them apart.",
                    version == null ? "before 5.12" : version);
            return Boolean.TRUE;
        });
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, ResourceLock.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
