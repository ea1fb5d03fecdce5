package dev.brokersandbox.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class JvmFlagsTest {

    private static final Path ARCHIVE = Path.of("/cache/cds/test-0123.jsa");

    @Test
    void flagsAreAppendedToTheArgLineAlreadyThere() {
        assertThat(JvmFlags.append("-javaagent:/jacoco.jar=destfile=x -Xmx1g", true, ARCHIVE))
                .isEqualTo("-javaagent:/jacoco.jar=destfile=x -Xmx1g -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=/cache/cds/test-0123.jsa");
    }

    @Test
    void withoutAnArgLineOnlyTheFlagsAreSet() {
        assertThat(JvmFlags.append(null, true, ARCHIVE)).isEqualTo("-XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=/cache/cds/test-0123.jsa");
        assertThat(JvmFlags.append("  ", true, null)).isEqualTo("-XX:TieredStopAtLevel=1");
    }

    @Test
    void anArchivePathWithSpacesIsQuotedAsOneArgument() {
        assertThat(JvmFlags.append("", false, Path.of("/Users/Ann Lee/cache/test-1.jsa")))
                .isEqualTo("\"-XX:SharedArchiveFile=/Users/Ann Lee/cache/test-1.jsa\"");
    }

    @Test
    void nothingToAddLeavesTheArgLineAsItWas() {
        assertThat(JvmFlags.append("-Xmx1g", false, null)).isEqualTo("-Xmx1g");
    }

    @Test
    void compilerFlagsOfTheUserWin() {
        assertThat(JvmFlags.userChoseCompiler("-XX:TieredStopAtLevel=4")).isTrue();
        assertThat(JvmFlags.userChoseCompiler("-XX:-TieredCompilation")).isTrue();
        assertThat(JvmFlags.userChoseCompiler("-Xmx1g -Dx=y")).isFalse();
        assertThat(JvmFlags.userChoseCompiler(null)).isFalse();
    }

    @Test
    void classDataSharingFlagsOfTheUserWin() {
        assertThat(JvmFlags.userChoseCds("-Xshare:off")).isTrue();
        assertThat(JvmFlags.userChoseCds("-XX:SharedArchiveFile=app.jsa")).isTrue();
        assertThat(JvmFlags.userChoseCds("-XX:ArchiveClassesAtExit=app.jsa")).isTrue();
        assertThat(JvmFlags.userChoseCds("-XX:+AutoCreateSharedArchive")).isTrue();
        assertThat(JvmFlags.userChoseCds("-XX:-UseSharedSpaces")).isTrue();
        assertThat(JvmFlags.userChoseCds("-Xmx1g @{jacoco}")).isFalse();
    }
}
