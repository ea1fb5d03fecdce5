package dev.brokersandbox.bench.common;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs test classes through the JUnit Platform Launcher, as a build tool would, and reports:
 * the run's wall time from JVM start; each test's time (reported started to reported finished:
 * parameter resolution, the body, and closing what was injected); each class's set-up (from the
 * previous class's end to the class's first test: conditions, {@code @BeforeAll} callbacks,
 * brokers started for the class; for the first class, from the start of discovery, so brokers
 * started by test plan listeners count too) and tear-down (last test to class finished).
 *
 * <p>Shared by both sides, compiled against ours (JUnit 5.14, Platform 1.14) and run on the anchor's
 * JUnit 6.0.3 too: it uses only Launcher API that both have, unchanged.
 */
public final class JUnitRun {

    private JUnitRun() {
    }

    public static void run(List<Class<?>> classes, Map<String, String> configuration) {
        long t0 = System.nanoTime();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(classes.stream().map(c -> selectClass(c)).toList())
                .configurationParameters(configuration)
                .build();
        Timings timings = new Timings();
        long discovered;
        // One launcher session for discovery and execution, as Maven Surefire and Gradle use: session
        // listeners (ours starts the brokers during discovery) see both.
        try (LauncherSession session = LauncherFactory.openSession()) {
            Launcher launcher = session.getLauncher();
            TestPlan plan = launcher.discover(request);
            discovered = System.nanoTime();
            launcher.execute(plan, timings);
        }
        long t1 = System.nanoTime();
        Report.put("discovery_ms", Report.ms(discovered - t0));
        Report.put("run_ms", Report.sinceJvmStartMs());
        Report.put("launcher_ms", Report.ms(t1 - t0));
        Report.put("tests_ok", timings.ok);
        Report.put("tests_failed", timings.failed);
        List<Double> all = new ArrayList<>();
        timings.testsByClass.forEach((name, times) -> {
            all.addAll(times);
            Report.put("test_median_ms." + timings.names.get(name), Report.median(times));
        });
        Report.put("test_median_ms", Report.median(all));
        Report.put("class_setup_first_ms", timings.classSetups.isEmpty() ? -1 : timings.classSetups.get(0));
        if (timings.classSetups.size() > 1) {
            Report.put("class_setup_rest_median_ms",
                    Report.median(timings.classSetups.subList(1, timings.classSetups.size())));
        }
        Report.put("class_teardown_median_ms", Report.median(timings.classTeardowns));
    }

    private static final class Timings implements TestExecutionListener {
        private TestPlan plan;
        /** Where the next class's set-up starts: discovery starts, then each class's end. */
        private long mark = System.nanoTime();
        private final Map<String, Long> testStarted = new HashMap<>();
        private final Map<String, Long> lastTestFinished = new HashMap<>();
        final Map<String, List<Double>> testsByClass = new LinkedHashMap<>();
        final Map<String, String> names = new HashMap<>();
        final List<Double> classSetups = new ArrayList<>();
        final List<Double> classTeardowns = new ArrayList<>();
        int ok;
        int failed;

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            long now = System.nanoTime();
            if (!id.isTest()) {
                return;
            }
            testStarted.put(id.getUniqueId(), now);
            classOf(id).ifPresent(c -> {
                if (!testsByClass.containsKey(c.getUniqueId())) {
                    testsByClass.put(c.getUniqueId(), new ArrayList<>());
                    names.put(c.getUniqueId(), c.getSource().map(s -> ((ClassSource) s).getJavaClass().getSimpleName())
                            .orElse(c.getDisplayName()));
                    classSetups.add(Report.ms(now - mark));
                }
            });
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            long now = System.nanoTime();
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                System.err.println("FAILED " + id.getDisplayName() + " (" + id.getUniqueId() + ")");
                result.getThrowable().ifPresent(Throwable::printStackTrace);
            }
            if (id.isTest()) {
                double ms = Report.ms(now - testStarted.remove(id.getUniqueId()));
                classOf(id).ifPresent(c -> {
                    testsByClass.get(c.getUniqueId()).add(ms);
                    lastTestFinished.put(c.getUniqueId(), now);
                });
                if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    ok++;
                } else {
                    failed++;
                }
                return;
            }
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                failed++;
            }
            if (isClass(id)) {
                Long last = lastTestFinished.remove(id.getUniqueId());
                if (last != null) {
                    classTeardowns.add(Report.ms(now - last));
                }
                mark = now;
            }
        }

        private static boolean isClass(TestIdentifier id) {
            return id.getSource().filter(ClassSource.class::isInstance).isPresent();
        }

        private Optional<TestIdentifier> classOf(TestIdentifier id) {
            Optional<TestIdentifier> current = plan.getParent(id);
            while (current.isPresent() && !isClass(current.get())) {
                current = plan.getParent(current.get());
            }
            return current;
        }
    }
}
