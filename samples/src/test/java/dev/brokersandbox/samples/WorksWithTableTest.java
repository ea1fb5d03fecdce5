package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * README.md's "Works with" table says what the compatibility matrix proves: each version in it is
 * one that a project of the matrix (junit-extension/src/it/*) claims in its matrix.properties, and
 * that project's own test checks the claim against its classpath. The two must not drift apart.
 */
class WorksWithTableTest {

    private static final Path MATRIX = Path.of("..", "junit-extension", "src", "it");
    private static final Set<String> AXES = Set.of(
            "spring-boot", "kafka-clients", "amqp-client", "jackson", "jackson3", "slf4j", "logback", "log4j", "junit");
    private static final Pattern SECTION = Pattern.compile("## Works with\\n(.*?)\\n## ", Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile("^\\| ([^|]+?) \\| ([^|]+?) \\|$", Pattern.MULTILINE);

    @Test
    void readmeTableListsExactlyTheVersionsOfTheMatrixProjects() throws IOException {
        Matcher section = SECTION.matcher(Files.readString(Path.of("..", "README.md")));
        assertThat(section.find()).as("a '## Works with' section in README.md").isTrue();
        Map<String, Set<String>> readme = new LinkedHashMap<>();
        Matcher row = ROW.matcher(section.group(1));
        while (row.find()) {
            if (!row.group(1).equals("library") && !row.group(1).startsWith("---")) {
                readme.put(row.group(1), new TreeSet<>(Arrays.asList(row.group(2).split(", "))));
            }
        }

        assertThat(readme).as("README.md's 'Works with' table against %s/*/matrix.properties", MATRIX)
                .isEqualTo(rowsFromMatrix());
    }

    /** The table's rows as the matrix's projects claim them, in the README's order. */
    private static Map<String, Set<String>> rowsFromMatrix() throws IOException {
        Map<String, Set<String>> rows = new LinkedHashMap<>();
        for (String name : List.of("Spring Boot", "kafka-clients", "amqp-client", "Jackson", "SLF4J and its backend", "JUnit")) {
            rows.put(name, new TreeSet<>());
        }
        List<Properties> projects = projects();
        assertThat(projects).as("projects with a matrix.properties in %s", MATRIX).isNotEmpty();
        for (Properties project : projects) {
            assertThat(project.stringPropertyNames()).as("axes of a matrix.properties").isSubsetOf(AXES);
            add(rows, "Spring Boot", project.getProperty("spring-boot"));
            add(rows, "kafka-clients", project.getProperty("kafka-clients"));
            add(rows, "amqp-client", project.getProperty("amqp-client"));
            if (project.containsKey("jackson")) {
                String jackson3 = project.getProperty("jackson3");
                add(rows, "Jackson", project.getProperty("jackson") + (jackson3 == null ? "" : " with 3: " + jackson3));
            }
            String backend = project.containsKey("logback") ? " + Logback " + project.getProperty("logback")
                    : project.containsKey("log4j") ? " + Log4j " + project.getProperty("log4j")
                    : " (no backend)";
            add(rows, "SLF4J and its backend", project.getProperty("slf4j") + backend);
            add(rows, "JUnit", project.getProperty("junit"));
        }
        return rows;
    }

    private static void add(Map<String, Set<String>> rows, String row, String version) {
        if (version != null) {
            rows.get(row).add(version);
        }
    }

    private static List<Properties> projects() throws IOException {
        List<Path> files;
        try (Stream<Path> dirs = Files.list(MATRIX)) {
            files = dirs.map(dir -> dir.resolve("matrix.properties")).filter(Files::isRegularFile).sorted()
                    .collect(Collectors.toList());
        }
        List<Properties> projects = new ArrayList<>();
        for (Path file : files) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                properties.load(in);
            }
            projects.add(properties);
        }
        return projects;
    }
}
