package com.example.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs a fixture class of one test through the JUnit Platform test kit, as JUnit tests its own extensions. */
final class FixtureRuns {

    private FixtureRuns() {
    }

    /** Runs {@code fixture}, asserts its one test passed, and returns the one report entry it published. */
    static Map<String, String> reported(Class<?> fixture) {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute().testEvents();
        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
        List<Map<String, String>> reported = tests.reportingEntryPublished()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .collect(Collectors.toList());
        assertThat(reported).as("report entries of %s", fixture.getSimpleName()).hasSize(1);
        return reported.get(0);
    }
}
