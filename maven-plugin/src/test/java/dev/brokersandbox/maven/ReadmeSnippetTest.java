package dev.brokersandbox.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The README's plugin snippet is what the integration test's user project runs with. */
class ReadmeSnippetTest {

    private static final Pattern README_BLOCK = Pattern.compile("## Faster test JVMs.*?```xml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern IT_PLUGIN = Pattern.compile(
            "(<plugin>\\s*<groupId>dev\\.brokersandbox</groupId>\\s*<artifactId>broker-sandbox-maven-plugin</artifactId>.*?</plugin>)",
            Pattern.DOTALL);

    @Test
    void theReadmeSnippetIsThePluginBlockOfTheIntegrationTest() throws IOException {
        Matcher readme = README_BLOCK.matcher(Files.readString(Path.of("..", "README.md")));
        Matcher it = IT_PLUGIN.matcher(Files.readString(Path.of("src", "it", "fast-start", "pom.xml")));
        assertThat(readme.find()).as("an xml block under '## Faster test JVMs' in README.md").isTrue();
        assertThat(it.find()).as("the plugin in src/it/fast-start/pom.xml").isTrue();
        // The test project's own settings (a cache of its own, cds on) are not a user's.
        String itPlugin = it.group(1).replaceAll("(?s)<configuration>.*?</configuration>", "");
        assertThat(normalised(readme.group(1))).isEqualTo(normalised(itPlugin));
    }

    private static String normalised(String xml) {
        return xml.replaceAll("(?s)<!--.*?-->", "").replaceAll("<version>[^<]*</version>", "<version/>")
                .replaceAll("\\s+", "");
    }
}
