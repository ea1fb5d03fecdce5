package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The README's examples are compiled, passing tests: the example is {@link FirstSample}; the Spring
 * Boot example is taken from the Spring sample's {@code OrderFlowTest}. They must not drift apart.
 */
class ReadmeExampleTest {

    private static final Pattern FIRST_JAVA_BLOCK_AFTER_EXAMPLE =
            Pattern.compile("## Example\\s+```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void readmeExampleIsFirstSampleLineForLine() throws IOException {
        Matcher block = FIRST_JAVA_BLOCK_AFTER_EXAMPLE.matcher(Files.readString(Path.of("..", "README.md")));
        assertThat(block.find()).as("a java block under '## Example' in README.md").isTrue();
        String sample = Files.readString(Path.of("src/test/java/dev/brokersandbox/samples/FirstSample.java"));

        assertThat(code(block.group(1).replace("class FirstTest", "class FirstSample")))
                .as("README.md's example against FirstSample.java (comments, imports and blank lines aside)")
                .isEqualTo(code(sample));
    }

    @Test
    void readmeSpringBootExampleIsTakenFromOrderFlowTest() throws IOException {
        Matcher block = Pattern.compile("## Spring Boot\\s.*?```java\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("..", "README.md")));
        assertThat(block.find()).as("a java block under '## Spring Boot' in README.md").isTrue();
        List<String> sample = code(Files.readString(
                Path.of("..", "sandbox-spring-boot", "src", "it", "orders", "test", "java", "com", "example", "orders", "OrderFlowTest.java")));

        // The README shows the first test only: its lines, in order, are lines of the sample.
        int next = 0;
        for (String line : code(block.group(1))) {
            int found = sample.subList(next, sample.size()).indexOf(line);
            assertThat(found).as("README.md's Spring Boot example line '%s' in OrderFlowTest.java, after line %d of its code",
                    line, next).isNotNegative();
            next += found + 1;
        }
    }

    /** The lines that are code: no package, imports, comments or blank lines; indentation ignored. */
    private static List<String> code(String source) {
        return source.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .filter(line -> !line.startsWith("package ") && !line.startsWith("import "))
                .filter(line -> !line.startsWith("//") && !line.startsWith("/*") && !line.startsWith("*"))
                .map(line -> line.replaceAll("\\s*//.*$", ""))
                .collect(Collectors.toList());
    }
}
