package dev.brokersandbox.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveKeyTest {

    @TempDir
    Path dir;

    @Test
    void sameJarsOnTheSameJdkGiveTheSameKeyAfterARebuild() throws IOException {
        Path javaHome = jdk("17.0.15");
        Path jar = jar("sandbox-core.jar", "A.class", "a");
        String before = ArchiveKey.of(javaHome, List.of(jar), "t1");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(0)); // a rebuild writes the same entries at another time
        assertThat(ArchiveKey.of(javaHome, List.of(jar), "t1")).isEqualTo(before).hasSize(16);
    }

    @Test
    void anotherClassInTheSandboxJarsGivesAnotherKey() throws IOException {
        Path javaHome = jdk("17.0.15");
        String before = ArchiveKey.of(javaHome, List.of(jar("one.jar", "A.class", "a")), "t1");
        assertThat(ArchiveKey.of(javaHome, List.of(jar("two.jar", "A.class", "b")), "t1")).isNotEqualTo(before);
    }

    @Test
    void anUpdatedJdkGivesAnotherKey() throws IOException {
        Path javaHome = jdk("17.0.15");
        Path jar = jar("sandbox-core.jar", "A.class", "a");
        String before = ArchiveKey.of(javaHome, List.of(jar), "t1");
        Files.writeString(javaHome.resolve("lib/modules"), "17.0.16, a longer image");
        assertThat(ArchiveKey.of(javaHome, List.of(jar), "t1")).isNotEqualTo(before);
    }

    @Test
    void anotherTrainingProgramGivesAnotherKey() throws IOException {
        Path javaHome = jdk("17.0.15");
        Path jar = jar("sandbox-core.jar", "A.class", "a");
        assertThat(ArchiveKey.of(javaHome, List.of(jar), "t2")).isNotEqualTo(ArchiveKey.of(javaHome, List.of(jar), "t1"));
    }

    private Path jdk(String modules) throws IOException {
        Path home = dir.resolve("jdk");
        Files.createDirectories(home.resolve("lib"));
        Files.writeString(home.resolve("lib/modules"), modules);
        return home;
    }

    private Path jar(String name, String entry, String content) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content.getBytes());
            zip.closeEntry();
        }
        return jar;
    }
}
