package dev.brokersandbox.bench.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JVM flags README recommends for test JVMs, as the benchmark gives them to both sides: C1
 * only, and a dynamic class data sharing archive of the side's own, made by one unmeasured run
 * (JDK 17 has no automatic archive; a user gets both from the project's Maven plugin).
 */
final class RecommendedFlags {

    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    private final Path directory;

    /** Archives of an earlier run would belong to other jars: each run makes its own. */
    RecommendedFlags(Path directory) throws IOException {
        this.directory = directory;
        if (Files.exists(directory)) {
            try (Stream<Path> old = Files.list(directory)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(directory);
    }

    Path archive(String side) {
        return directory.resolve(side + ".jsa");
    }

    boolean hasArchive(String side) {
        return Files.isRegularFile(archive(side));
    }

    /** The options of the run that makes the archive: the same as the measured ones, but dumping at exit. */
    List<String> dumpOptions(String side) {
        return List.of(C1_ONLY, "-XX:ArchiveClassesAtExit=" + archive(side), "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    List<String> options(String side) {
        return List.of(C1_ONLY, "-XX:SharedArchiveFile=" + archive(side));
    }

    /** For the report. */
    static String describe() {
        return "`" + C1_ONLY + "` and `-XX:SharedArchiveFile=<the side's own archive>`";
    }
}
