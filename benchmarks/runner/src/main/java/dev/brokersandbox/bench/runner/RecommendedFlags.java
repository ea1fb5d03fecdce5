package dev.brokersandbox.bench.runner;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JVM flags README recommends for test JVMs, as the benchmark gives them to both sides: C1
 * only, and a dynamic class data sharing archive of the side's own. Ours is made as the
 * project's Maven plugin makes it, by its training program (the brokers' runtime and the JDK,
 * none of the class path); the anchor, which has no such plugin, gets an archive of everything its
 * cold start loads, dumped by one unmeasured run: more than ours holds.
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

    /** The options of the anchor's run that makes its archive: the measured ones, but dumping at exit. */
    List<String> dumpOptions(String side) {
        return List.of(C1_ONLY, "-XX:ArchiveClassesAtExit=" + archive(side), "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /**
     * The command that makes ours' archive as the Maven plugin does: its training program, a
     * single-file source run with no class path, given the side's jars.
     */
    List<String> trainingCommand(String javaExecutable, Path trainingSource, String classpath) {
        List<String> command = new ArrayList<>(List.of(javaExecutable, C1_ONLY,
                "-XX:ArchiveClassesAtExit=" + archive(Runner.OURS), "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-Dbrokersandbox.tune=false", trainingSource.toString()));
        command.addAll(List.of(classpath.split(File.pathSeparator)));
        return command;
    }

    List<String> options(String side) {
        return List.of(C1_ONLY, "-XX:SharedArchiveFile=" + archive(side));
    }

    /** For the report. */
    static String describe() {
        return "`" + C1_ONLY + "` and `-XX:SharedArchiveFile=<the side's own archive>` (ours made by the Maven "
                + "plugin's training program: the JDK's and the brokers' classes; the anchor's by a run of its own "
                + "cold start: every class it loads)";
    }
}
