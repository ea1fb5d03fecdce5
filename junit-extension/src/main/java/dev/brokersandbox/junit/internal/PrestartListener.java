package dev.brokersandbox.junit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts the shared brokers while JUnit is still discovering tests, so that start-up overlaps
 * discovery and the first class's set-up instead of following them. Registered through
 * {@code META-INF/services}; turned off with the configuration parameter
 * {@value #ENABLED} {@code = false}.
 *
 * <p>Only the brokers the run will use are started: when the launcher is given test classes (as
 * Maven Surefire and Gradle do) they are read at once; otherwise the test plan is read when its
 * execution starts.
 */
public final class PrestartListener implements LauncherSessionListener {

    /** The configuration parameter that turns starting ahead off. */
    public static final String ENABLED = "brokersandbox.prestart";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        session.getLauncher().registerLauncherDiscoveryListeners(new LauncherDiscoveryListener() {
            @Override
            public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
                if (enabled(request.getConfigurationParameters())) {
                    List<Class<?>> classes = new ArrayList<>();
                    collect(request.getSelectorsByType(ClassSelector.class), ClassSelector::getJavaClass, classes);
                    collect(request.getSelectorsByType(MethodSelector.class), MethodSelector::getJavaClass, classes);
                    begin(classes);
                }
            }
        });
        session.getLauncher().registerTestExecutionListeners(new TestExecutionListener() {
            @Override
            public void testPlanExecutionStarted(TestPlan plan) {
                if (enabled(plan.getConfigurationParameters())) {
                    begin(classesOf(plan));
                }
            }
        });
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        Prestart.closeUntaken();
    }

    private static void begin(List<Class<?>> classes) {
        BrokerUsage usage = BrokerUsage.of(classes);
        Prestart.begin(usage.kafka(), usage.amqp());
    }

    /** Off in external and reuse mode too: they start nothing in this JVM. */
    private static boolean enabled(ConfigurationParameters parameters) {
        return parameters.getBoolean(ENABLED).orElse(true) && ExternalConfig.read(parameters::get).isEmpty()
                && !ExternalConfig.reuse(parameters::get);
    }

    /** A class that cannot be loaded here is JUnit's to report, not ours. */
    private static <S> void collect(List<S> selectors, Function<S, Class<?>> load, List<Class<?>> into) {
        for (S selector : selectors) {
            try {
                into.add(load.apply(selector));
            } catch (RuntimeException | LinkageError unloadable) {
                // skipped
            }
        }
    }

    private static List<Class<?>> classesOf(TestPlan plan) {
        List<Class<?>> classes = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                TestSource source = id.getSource().orElse(null);
                try {
                    if (source instanceof ClassSource c) {
                        classes.add(c.getJavaClass());
                    } else if (source instanceof MethodSource m) {
                        classes.add(m.getJavaClass());
                    }
                } catch (RuntimeException | LinkageError unloadable) {
                    // skipped
                }
            }
        }
        return classes;
    }
}
