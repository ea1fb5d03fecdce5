package dev.brokersandbox.internal.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.brokersandbox.SandboxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The brokers' jars are unpacked once per content into a cache that JVMs share and clean. */
class RuntimeCacheTest {

    private static final Duration CHILD_WAIT = Duration.ofSeconds(60);

    @TempDir
    Path cache;

    @Test
    void fourJvmsStartingAtOnceOnAnEmptyCacheShareOneCompleteRuntime() throws Exception {
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            children.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Child.class.getName(), cache.toString())
                    .redirectErrorStream(true).start());
        }
        List<String> answers = new ArrayList<>();
        for (Process child : children) {
            assertThat(child.waitFor(CHILD_WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("a JVM unpacking the runtime finished within %s", CHILD_WAIT).isTrue();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(child.exitValue()).as(output).isZero();
            answers.add(output);
        }

        assertThat(answers).containsOnly(answers.get(0));
        assertThat(entries()).containsExactlyInAnyOrder(Path.of(answers.get(0)).getFileName().toString(),
                Path.of(answers.get(0)).getFileName() + ".lock");
        assertThat(RuntimeCache.unpacked(RuntimeBundle.onClasspath(), cache)).allMatch(Files::isRegularFile);
    }

    /** Unpacks into the directory named by its argument and prints where the jars are. */
    public static final class Child {
        public static void main(String[] args) {
            List<Path> jars = RuntimeCache.unpacked(RuntimeBundle.onClasspath(), Path.of(args[0]));
            System.out.println(jars.get(0).getParent());
        }
    }

    @Test
    void anUnchangedRuntimeIsNotUnpackedAgain() throws IOException {
        List<Path> first = RuntimeCache.unpacked(RuntimeBundle.onClasspath(), cache);
        FileTime unpacked = Files.getLastModifiedTime(first.get(0));

        List<Path> second = RuntimeCache.unpacked(RuntimeBundle.onClasspath(), cache);

        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(second.get(0))).isEqualTo(unpacked);
    }

    @Test
    void oldRuntimesNobodyRunsAreDeletedKeepingTheTwoUsedLast() throws IOException {
        for (int age = 1; age <= 4; age++) {
            Path old = Files.createDirectory(cache.resolve("runtime-0.0." + age + "-0000"));
            Files.writeString(old.resolve("some.jar"), "old");
            Path lock = Files.createFile(cache.resolve("runtime-0.0." + age + "-0000.lock"));
            Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(Duration.ofDays(age))));
        }

        RuntimeCache.unpacked(RuntimeBundle.onClasspath(), cache);

        assertThat(entries()).contains("runtime-0.0.1-0000", "runtime-0.0.2-0000")
                .doesNotContain("runtime-0.0.3-0000", "runtime-0.0.3-0000.lock", "runtime-0.0.4-0000");
    }

    @Test
    void anUnpackingLeftOverByACrashedJvmIsDeletedOnceItIsAnHourOld() throws IOException {
        Path crashed = Files.createDirectory(cache.resolve(".unpacking-crashed"));
        Files.setLastModifiedTime(crashed, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path running = Files.createDirectory(cache.resolve(".unpacking-running"));

        RuntimeCache.unpacked(RuntimeBundle.onClasspath(), cache);

        assertThat(crashed).doesNotExist();
        assertThat(running).exists();
    }

    @Test
    void aDamagedRuntimeIsNamedWithTheFix() throws IOException {
        List<Path> jars = RuntimeCache.unpacked(RuntimeBundle.onClasspath(), cache);
        Files.delete(jars.get(jars.size() - 1));

        assertThatThrownBy(() -> RuntimeCache.unpacked(RuntimeBundle.onClasspath(), cache))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("The cached broker runtime " + jars.get(0).getParent() + " is damaged")
                .hasMessageContaining("Delete that directory; it is unpacked again at the next start.");
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
