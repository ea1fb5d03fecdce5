package dev.brokersandbox.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunedJvmTest {

    @TempDir
    Path dir;

    @Test
    void servingAndTheDemoRunInATunedJvm() {
        assertThat(TunedJvm.wanted(new String[0], List.of("-Xmx512m"))).isTrue();
        assertThat(TunedJvm.wanted(new String[] {"--demo", "--topic", "orders:3"}, List.of())).isTrue();
    }

    @Test
    void shortLivedCommandsRunInThisJvm() {
        assertThat(TunedJvm.wanted(new String[] {"--help"}, List.of())).isFalse();
        assertThat(TunedJvm.wanted(new String[] {"--status"}, List.of())).isFalse();
        assertThat(TunedJvm.wanted(new String[] {"--ctl", "list_connections"}, List.of())).isFalse();
    }

    @Test
    void aCommandLineMistakeIsReportedByThisJvm() {
        assertThat(TunedJvm.wanted(new String[] {"--no-such-flag"}, List.of())).isFalse();
    }

    @Test
    void noTuneKeepsTheBrokersInThisJvm() {
        assertThat(TunedJvm.wanted(new String[] {"--no-tune", "--demo"}, List.of())).isFalse();
    }

    @Test
    void flagsOfTheUsersOwnKeepTheBrokersInThisJvm() {
        assertThat(TunedJvm.wanted(new String[0], List.of("-XX:TieredStopAtLevel=1", "-Dbrokersandbox.tune=false"))).isFalse();
        assertThat(TunedJvm.wanted(new String[0], List.of("-Xshare:off"))).isFalse();
        assertThat(TunedJvm.wanted(new String[0], List.of("-XX:SharedArchiveFile=app.jsa"))).isFalse();
        assertThat(TunedJvm.wanted(new String[0], List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005"))).isFalse();
    }

    @Test
    void theArchiveKeyChangesWithTheJar() throws IOException {
        Path jar = Files.writeString(dir.resolve("broker-sandbox.jar"), "jar");
        String key = TunedJvm.key(jar);
        assertThat(TunedJvm.key(jar)).isEqualTo(key).hasSize(16);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(0));
        assertThat(TunedJvm.key(jar)).isNotEqualTo(key);
    }
}
