package dev.brokersandbox.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** docs/rabbitmq-compatibility.md claims only what the differential suite shows, and lists all of it. */
class CompatibilityTableTest {

    private static final Path PAGE = Path.of("..", "docs", "rabbitmq-compatibility.md");
    /** Where the scenario classes are: the suite is every class of this package named *Scenarios. */
    private static final Path SOURCES = Path.of("src", "test", "java", "dev", "brokersandbox", "compat");
    private static final Set<String> STATUSES = Set.of("supported", "partial", "not supported");

    private record Row(String feature, String status, List<String> scenarios) {
    }

    @Test
    void everyScenarioOfTheSuiteIsListedAndEveryListedScenarioExists() throws IOException {
        Set<String> inSuite = new TreeSet<>();
        for (Class<?> type : suite()) {
            for (Method m : type.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Scenario.class)) {
                    inSuite.add(type.getSimpleName() + "#" + m.getName());
                }
            }
        }
        Set<String> listed = new TreeSet<>();
        rows().forEach(r -> r.scenarios().stream().filter(s -> s.contains("#")).forEach(listed::add));

        assertThat(listed).as("scenarios named in %s that the suite does not have", PAGE).isSubsetOf(inSuite);
        assertThat(inSuite).as("scenarios of the suite missing from %s", PAGE).isSubsetOf(listed);
        assertThat(inSuite).as("scenarios in the differential suite").hasSizeGreaterThanOrEqualTo(60);
    }

    @Test
    void aSupportedRowNamesScenariosAndAnUnsupportedOneNamesNone() throws IOException {
        for (Row row : rows()) {
            if (row.status().equals("supported")) {
                assertThat(row.scenarios()).as("scenarios proving '%s'", row.feature())
                        .isNotEmpty().allMatch(s -> s.contains("#"));
            }
            if (row.status().equals("not supported")) {
                assertThat(row.scenarios()).as("'%s' is not supported: no scenario can show it", row.feature())
                        .noneMatch(s -> s.contains("#"));
            }
        }
    }

    @Test
    void theTotalsLineCountsTheRows() throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        rows().forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        String totals = "Totals: " + counts.getOrDefault("supported", 0) + " supported, "
                + counts.getOrDefault("partial", 0) + " partial, " + counts.getOrDefault("not supported", 0)
                + " not supported.";

        assertThat(Files.readString(PAGE)).as("the totals line of %s", PAGE).contains(totals);
    }

    private static List<Class<?>> suite() throws IOException {
        List<Class<?>> suite = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("Scenarios.java")).toList()) {
                String name = file.getFileName().toString().replace(".java", "");
                try {
                    suite.add(Class.forName(CompatibilityTableTest.class.getPackageName() + "." + name));
                } catch (ClassNotFoundException e) {
                    throw new AssertionError("scenario class " + name + " is not compiled", e);
                }
            }
        }
        assertThat(suite).as("scenario classes in %s", SOURCES).isNotEmpty();
        return suite;
    }

    private static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(PAGE)) {
            String[] cells = line.split("\\|", -1); // | feature | status | scenarios | notes |
            if (cells.length < 5 || !STATUSES.contains(cells[2].strip())) {
                continue;
            }
            List<String> scenarios = new ArrayList<>();
            for (String s : cells[3].split(",")) {
                if (!s.isBlank()) {
                    scenarios.add(s.strip());
                }
            }
            rows.add(new Row(cells[1].strip(), cells[2].strip(), scenarios));
        }
        assertThat(rows).as("rows of the table in %s", PAGE).isNotEmpty();
        return rows;
    }
}
