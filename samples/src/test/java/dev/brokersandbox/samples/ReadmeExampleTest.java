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

/** The README's example is {@link FirstSample}, which compiles and passes: the two must not drift apart. */
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
