package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/guide.md shows code copied from tagged regions of the samples (see {@link GuideSnippets}):
 * every copy must equal its region, every java or python block must be such a copy, and every
 * link must name a file of the repository. The second half runs the same check on small broken
 * guides, so it is known to fail when a snippet drifts.
 */
class GuideSnippetsTest {

    /** Tests run in the samples module's directory, as for {@link ReadmeExampleTest}. */
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path GUIDE = REPOSITORY.resolve("docs/guide.md");

    @Test
    void everyMarkedSnippetInTheGuideEqualsTheTaggedRegionOfItsSource() throws IOException {
        List<String> problems = guide().snippetProblems(GuideSnippetsTest::readFromRepository);

        assertThat(problems).withFailMessage(() -> "docs/guide.md drifted from its sources:\n" + String.join("\n", problems))
                .isEmpty();
    }

    @Test
    void everyJavaAndPythonBlockInTheGuideHasASnippetMarker() throws IOException {
        List<String> problems = guide().unmarkedCodeBlocks();

        assertThat(problems).withFailMessage(() -> "unchecked code in docs/guide.md:\n" + String.join("\n", problems))
                .isEmpty();
    }

    @Test
    void guideShowsSnippetsOfJavaSamplesAndOfThePythonExamples() throws IOException {
        // Without this, a guide that lost all its markers would pass the checks above.
        assertThat(guide().blocks()).filteredOn(GuideSnippets.Block::marked).extracting(GuideSnippets.Block::source)
                .anyMatch(source -> source.startsWith("samples/src/test/java/") && source.endsWith(".java"))
                .anyMatch(source -> source.startsWith("samples/python/") && source.endsWith(".py"));
    }

    @Test
    void everyLinkInTheGuideNamesAFileOfTheRepository() throws IOException {
        List<String> problems = guide().brokenLinks(GUIDE.getParent(), REPOSITORY);

        assertThat(problems).withFailMessage(() -> "broken links in docs/guide.md:\n" + String.join("\n", problems))
                .isEmpty();
    }

    // The check itself, on broken guides.

    private static final Map<String, String> SOURCES = Map.of("src/Hello.java", """
            class Hello {
                void greet() {
                    // tag::greet[]
                    String name = "world";
                    // tag::print[]
                    System.out.println("Hello, " + name);
                    // end::print[]
                    // end::greet[]
                }
            }
            """);

    @Test
    void regionIsComparedWithoutItsCommonIndentationAndTheTagLinesInsideIt() {
        GuideSnippets guide = new GuideSnippets("guide.md", """
                <!-- snippet: src/Hello.java#greet -->
                ```java
                String name = "world";
                System.out.println("Hello, " + name);
                ```
                """);

        assertThat(guide.snippetProblems(SOURCES::get)).isEmpty();
        assertThat(guide.unmarkedCodeBlocks()).isEmpty();
    }

    @Test
    void driftedSnippetIsReportedWithTheGuideLineTheSourceTheTagAndTheFirstDifferingLine() {
        GuideSnippets guide = new GuideSnippets("guide.md", """
                # Hello

                <!-- snippet: src/Hello.java#greet -->
                ```java
                String name = "world";
                System.out.println("Hi, " + name);
                ```
                """);

        assertThat(guide.snippetProblems(SOURCES::get)).singleElement().asString()
                .startsWith("guide.md:4: the java block marked src/Hello.java#greet differs from that region of the source: "
                        + "at line 2 of the block, the guide has `System.out.println(\"Hi, \" + name);` "
                        + "where the source has `System.out.println(\"Hello, \" + name);`")
                .contains("Copy the region again");
    }

    @Test
    void snippetMissingTheRegionsLastLineIsReported() {
        GuideSnippets guide = new GuideSnippets("guide.md", """
                <!-- snippet: src/Hello.java#greet -->
                ```java
                String name = "world";
                ```
                """);

        assertThat(guide.snippetProblems(SOURCES::get)).singleElement().asString()
                .contains("at line 2 of the block, the guide has nothing (the block ends) where the source has "
                        + "`System.out.println(\"Hello, \" + name);`");
    }

    @Test
    void markerNamingAMissingFileIsReported() {
        GuideSnippets guide = new GuideSnippets("guide.md", """
                <!-- snippet: src/Goodbye.java#greet -->
                ```java
                String name = "world";
                ```
                """);

        assertThat(guide.snippetProblems(SOURCES::get)).singleElement().asString()
                .startsWith("guide.md:2: the java block marked src/Goodbye.java#greet names a file that does not exist.");
    }

    @Test
    void markerNamingAMissingTagIsReportedWithTheTagsTheSourceHas() {
        GuideSnippets guide = new GuideSnippets("guide.md", """
                <!-- snippet: src/Hello.java#wave -->
                ```java
                String name = "world";
                ```
                """);

        assertThat(guide.snippetProblems(SOURCES::get)).singleElement().asString()
                .isEqualTo("guide.md:2: the java block marked src/Hello.java#wave: the source has no tag::wave[] "
                        + "(its tags: [greet, print]). Fix the tag in the marker, or tag the region in the source.");
    }

    @Test
    void markerNotFollowedByACodeBlockIsReported() {
        GuideSnippets guide = new GuideSnippets("guide.md", """
                <!-- snippet: src/Hello.java#greet -->
                Some prose where the block should be.
                """);

        assertThat(guide.snippetProblems(SOURCES::get)).singleElement().asString()
                .startsWith("guide.md:1: the snippet marker src/Hello.java#greet is not followed by a code block.");
    }

    @Test
    void javaOrPythonBlockWithoutAMarkerIsReportedButAShellBlockIsNot() {
        GuideSnippets guide = new GuideSnippets("guide.md", """
                ```bash
                mvn -B verify
                ```

                ```python
                print("unchecked")
                ```
                """);

        assertThat(guide.unmarkedCodeBlocks()).singleElement().asString()
                .startsWith("guide.md:5: a python block without a snippet marker.");
    }

    @Test
    void linkToAMissingFileIsReportedButURLsAndAnchorsAreNot(@TempDir Path repository) throws IOException {
        Files.createDirectories(repository.resolve("docs"));
        Files.writeString(repository.resolve("README.md"), "# readme");
        GuideSnippets guide = new GuideSnippets("guide.md", """
                See [the README](../README.md), [Kafka](https://kafka.apache.org/), [below](#below)
                and [a sample that is gone](../samples/GoneSample.java).
                """);

        assertThat(guide.brokenLinks(repository.resolve("docs"), repository)).singleElement().asString()
                .startsWith("guide.md:2: the link to ../samples/GoneSample.java names no file of the repository");
    }

    private static GuideSnippets guide() throws IOException {
        return new GuideSnippets("docs/guide.md", Files.readString(GUIDE));
    }

    private static String readFromRepository(String path) {
        Path file = REPOSITORY.resolve(path).normalize();
        if (!file.startsWith(REPOSITORY) || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
