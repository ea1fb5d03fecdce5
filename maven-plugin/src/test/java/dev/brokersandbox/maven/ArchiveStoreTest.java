package dev.brokersandbox.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveStoreTest {

    @TempDir
    Path cache;

    @Test
    void aWrittenArchiveIsRenamedIntoPlace() throws IOException {
        ArchiveStore store = new ArchiveStore(cache);
        Path archive = store.archive("test", "k1");
        Path written = Files.writeString(store.temporary(archive), "archive");
        assertThat(ArchiveStore.ready(archive)).isFalse();

        ArchiveStore.adopt(written, archive);

        assertThat(ArchiveStore.ready(archive)).isTrue();
        assertThat(written).doesNotExist();
    }

    @Test
    void theArchiveOfTheFirstBuildStaysWhenASecondOneFinishesLater() throws IOException {
        ArchiveStore store = new ArchiveStore(cache);
        Path archive = store.archive("test", "k1");
        ArchiveStore.adopt(Files.writeString(store.temporary(archive), "first"), archive);
        Path second = Files.writeString(store.temporary(archive), "second");

        ArchiveStore.adopt(second, archive);

        assertThat(archive).hasContent("first");
        assertThat(second).doesNotExist();
    }

    @Test
    void anEmptyFileIsNotAnArchive() throws IOException {
        Path archive = new ArchiveStore(cache).archive("test", "k1");
        Files.createFile(archive);
        assertThat(ArchiveStore.ready(archive)).isFalse();
    }

    @Test
    void cleanUpKeepsTheMostRecentlyUsedArchivesOfItsKindAndOldLeftovers() throws IOException {
        ArchiveStore store = new ArchiveStore(cache);
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            Path archive = Files.writeString(store.archive("test", "k" + i), "a");
            Files.setLastModifiedTime(archive, FileTime.from(now.minus(Duration.ofDays(i))));
        }
        Path launcher = Files.writeString(store.archive("launcher", "old"), "a");
        Files.setLastModifiedTime(launcher, FileTime.from(now.minus(Duration.ofDays(30))));
        Path crashed = Files.writeString(store.temporary(store.archive("test", "k9")), "half");
        Files.setLastModifiedTime(crashed, FileTime.from(now.minus(Duration.ofHours(2))));
        Path writing = Files.writeString(store.temporary(store.archive("test", "k8")), "half");

        store.clean("test");

        try (Stream<Path> left = Files.list(cache.resolve("cds"))) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("test-k0.jsa", "test-k1.jsa", "test-k2.jsa", "launcher-old.jsa",
                            writing.getFileName().toString());
        }
    }

    @Test
    void theLockedWorkRunsAndItsResultIsReturned() throws Exception {
        Path archive = new ArchiveStore(cache).archive("test", "k1");
        assertThat(ArchiveStore.locked(archive, Duration.ofSeconds(5), () -> "done")).isEqualTo("done");
    }
}
