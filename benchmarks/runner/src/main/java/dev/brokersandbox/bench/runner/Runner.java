package dev.brokersandbox.bench.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The benchmark: spawns fresh JVMs of our side and of the anchor (spring-kafka-test) in turn,
 * each running one measurement, and writes {@code docs/benchmarks.md} and {@code docs/benchmarks.png}.
 *
 * <p>System properties (set by the exec execution in this module's pom):
 * {@code bench.ours} / {@code bench.anchor} / {@code bench.springOurs} / {@code bench.springAnchor}
 * (each side's {@code target} directory, holding
 * {@code classes/} and {@code classpath.txt}), {@code bench.work} (logs), {@code bench.docs}
 * (output), {@code bench.runs} (JVMs per side per measure), {@code bench.suiteRuns} (the same for
 * the 20-class suite), {@code bench.only} ({@code all}, or a comma list of measure names), and,
 * optionally, {@code bench.before}: the {@code benchmarks/ours/target} directory of a build from
 * before the brokers moved into a classloader of their own, run as a third side ("before").
 */
public final class Runner {

    static final String OURS = "ours";
    static final String ANCHOR = "anchor";
    static final String BEFORE = "before";
    /** The Spring Boot measure's two sides: one Boot 4.0 application, with the sandbox and with @EmbeddedKafka. */
    static final String SPRING_OURS = "spring-ours";
    static final String SPRING_ANCHOR = "spring-anchor";
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(6);
    /** The Maven plugin's training program, which makes ours' class data sharing archive. */
    private static final String TRAINING_SOURCE = "maven-plugin/src/main/resources/dev/brokersandbox/maven/Training.java";
    /** Both sides' JVMs get exactly these options: the same logging, nothing else tuned. */
    private static final List<String> CHILD_JVM_OPTIONS = List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

    private final Map<String, Side> sides = new LinkedHashMap<>();
    private final Path work;
    private final Path repo;
    private final Path logs;
    private final Results results = new Results();
    private final RecommendedFlags flags;
    private final Profiler profiler;
    private int childCount;

    private Runner(Path ours, Path anchor, Path before, Path springOurs, Path springAnchor, Path work, Path repo)
            throws IOException {
        sides.put(OURS, new Side(OURS, ours, "dev.brokersandbox.bench.ours.OursMain"));
        sides.put(ANCHOR, new Side(ANCHOR, anchor, "dev.brokersandbox.bench.anchor.AnchorMain"));
        if (before != null) {
            sides.put(BEFORE, new Side(BEFORE, before, "dev.brokersandbox.bench.ours.OursMain"));
        }
        sides.put(SPRING_OURS, new Side(SPRING_OURS, springOurs, "dev.brokersandbox.bench.springours.SpringOursMain"));
        sides.put(SPRING_ANCHOR, new Side(SPRING_ANCHOR, springAnchor, "dev.brokersandbox.bench.springanchor.SpringAnchorMain"));
        this.work = work;
        this.repo = repo;
        this.flags = new RecommendedFlags(work.resolve("cds"));
        this.logs = work.resolve("logs");
        Files.createDirectories(logs);
        this.profiler = Profiler.extract(work);
        try (var old = Files.newDirectoryStream(logs, "*.log")) {
            for (Path log : old) {
                Files.delete(log);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        System.setProperty("java.awt.headless", "true");
        String loadAtStart = MachineFacts.loadAverage();
        String code = MachineFacts.codeState(System.getProperty("bench.repo"));
        int runs = Integer.getInteger("bench.runs", 5);
        int suiteRuns = Integer.getInteger("bench.suiteRuns", 5);
        Set<String> only = Arrays.stream(System.getProperty("bench.only", "all").split(","))
                .map(String::trim).collect(Collectors.toSet());
        String before = System.getProperty("bench.before", "");
        Runner runner = new Runner(Path.of(required("bench.ours")), Path.of(required("bench.anchor")),
                before.isBlank() ? null : Path.of(before), Path.of(required("bench.springOurs")),
                Path.of(required("bench.springAnchor")), Path.of(required("bench.work")), Path.of(required("bench.repo")));
        Path docs = Path.of(required("bench.docs"));
        boolean withBefore = runner.sides.containsKey(BEFORE);

        List<Measure> plan = List.of(
                // Ours with one broker only runs in the same rounds, so that the breakdown sees the same load.
                new Measure("cold", runs, jobs(withBefore, List.of(new Job(OURS, "cold"), new Job(ANCHOR, "cold"),
                        new Job(OURS, "cold-kafka"), new Job(OURS, "cold-amqp")), new Job(BEFORE, "cold"))),
                // The flags README recommends, given to both sides; each side's CDS archive is made first.
                new Measure("flags", runs, List.of(new Job(OURS, "cold", true), new Job(ANCHOR, "cold", true),
                        new Job(OURS, "cold-kafka", true))),
                new Measure("latency", runs, jobs(withBefore, List.of(new Job(OURS, "latency"), new Job(ANCHOR, "latency")),
                        new Job(BEFORE, "latency"))),
                new Measure("pertest", runs, jobs(withBefore, List.of(new Job(OURS, "pertest"), new Job(ANCHOR, "pertest")),
                        new Job(BEFORE, "pertest"))),
                new Measure("throughput", runs, List.of(new Job(OURS, "throughput"), new Job(ANCHOR, "throughput"))),
                new Measure("suite", suiteRuns, jobs(withBefore, List.of(new Job(OURS, "suite"), new Job(ANCHOR, "suite"),
                        new Job(ANCHOR, "suite-global")), new Job(BEFORE, "suite"))),
                new Measure("spring", suiteRuns, List.of(new Job(SPRING_OURS, "suite"), new Job(SPRING_ANCHOR, "suite"),
                        new Job(SPRING_ANCHOR, "suite-dirties"), new Job(SPRING_OURS, "suite-reuse"))),
                // Reuse mode (external mode against a reuse launcher) against brokers in the JVM, same rounds.
                new Measure("reuse", runs, List.of(new Job(OURS, "first-test"), new Job(OURS, "first-test-reuse"),
                        new Job(OURS, "pertest-embedded"), new Job(OURS, "pertest-reuse"))),
                // One profiled cold start per side (the profiler's own cost stays out of the timed measures).
                new Measure("profile", 1, List.of(new Job(OURS, "cold", false, true), new Job(OURS, "cold", true, true),
                        new Job(ANCHOR, "cold", false, true))));
        Results results;
        MachineFacts machine;
        Duration total;
        String replay = System.getProperty("bench.replay", "");
        if (replay.isBlank()) {
            for (Measure measure : plan) {
                if (only.contains("all") || only.contains(measure.name())) {
                    runner.run(measure);
                }
            }
            results = runner.results;
            total = Duration.ofNanos(System.nanoTime() - t0);
            machine = MachineFacts.collect(loadAtStart, code);
            String add = System.getProperty("bench.add", "");
            if (!add.isBlank()) {
                // Measures added to an earlier run's results: the report keeps that run's facts and says so.
                Results earlier = Results.load(Path.of(add));
                MachineFacts first = MachineFacts.of(earlier.machine());
                String added = "; measures " + String.join(", ", only) + " added by a second invocation on " + machine.when()
                        + " (" + machine.load() + ", " + machine.code() + ")";
                machine = new MachineFacts(first.when(), first.cpus(), first.memory(), first.cpuModel(), first.jvm(),
                        first.load() + added, first.code());
                total = total.plusSeconds(Long.parseLong(earlier.machine().get("total_s")));
                earlier.addRunsTo(results);
            }
            results.add(MachineFacts.JOB, machine.toFigures(total, runs, suiteRuns));
            results.save(runner.work.resolve("results.tsv"));
        } else {
            // Rewrite the report and chart from a run's saved results.tsv, without measuring again.
            results = Results.load(Path.of(replay));
            Map<String, String> saved = results.machine();
            machine = MachineFacts.of(saved);
            total = Duration.ofSeconds(Long.parseLong(saved.get("total_s")));
            runs = Integer.parseInt(saved.get("runs"));
            suiteRuns = Integer.parseInt(saved.get("suite_runs"));
        }
        Report report = new Report(results, machine, runs, suiteRuns, total);
        Files.createDirectories(docs);
        Files.writeString(docs.resolve("benchmarks.md"), report.markdown(), StandardCharsets.UTF_8);
        try {
            Charts.write(results, docs.resolve("benchmarks.png"));
        } catch (RuntimeException e) {
            System.out.println("Could not draw the chart (were all measures run?): " + e);
        }
        System.out.println(report.summary());
        System.out.printf("Benchmark done in %d min %d s; wrote %s and %s%n", total.toMinutes(), total.toSecondsPart(),
                docs.resolve("benchmarks.md"), docs.resolve("benchmarks.png"));
    }

    private static List<Job> jobs(boolean withBefore, List<Job> jobs, Job before) {
        List<Job> all = new ArrayList<>(jobs);
        if (withBefore) {
            all.add(before);
        }
        return all;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalArgumentException("system property " + property + " is not set; run through mvn -Pbench (see benchmarks/README.md)");
        }
        return value;
    }

    /**
     * Alternates the jobs of one measure: each round runs every job once, and the order rotates
     * from round to round so that no side always goes first on a noisy machine.
     */
    private void run(Measure measure) throws IOException, InterruptedException {
        Optional<Job> attaching = measure.jobs().stream().filter(job -> job.mode().endsWith("-reuse")).findFirst();
        if (attaching.isPresent()) {
            runReuse(measure, attaching.get());
            return;
        }
        for (Job job : measure.jobs()) {
            if (job.tuned() && !flags.hasArchive(job.side())) {
                dumpArchive(job);
            }
        }
        runRounds(measure);
    }

    /** Each round runs every job of the measure once, starting one job later than the round before. */
    private void runRounds(Measure measure) throws IOException, InterruptedException {
        List<Job> jobs = measure.jobs();
        for (int round = 0; round < measure.rounds(); round++) {
            for (int i = 0; i < jobs.size(); i++) {
                Job job = jobs.get((i + round) % jobs.size());
                results.add(job.key(), runChild(job, round));
            }
        }
    }

    /**
     * A measure with jobs in reuse mode: a first, unmeasured run of {@code attaching} starts the
     * reuse launcher (detached, as the extension does on first use), the rounds attach to it, and
     * it is stopped at the end.
     */
    private void runReuse(Measure measure, Job attaching) throws IOException, InterruptedException {
        ReuseLauncherControl.requireNone();
        try {
            Map<String, String> first = runChild(attaching, -1);
            if (first.containsKey("failed")) {
                throw new IllegalStateException("the run that starts the reuse launcher failed: " + first.get("failed"));
            }
            runRounds(measure);
        } finally {
            ReuseLauncherControl.stop();
        }
    }

    /** A side's first run with the recommended flags makes its class data sharing archive; it is not measured. */
    private void dumpArchive(Job job) throws IOException, InterruptedException {
        Path log = logs.resolve(String.format("%03d-%s-cds-dump.log", ++childCount, job.side()));
        Process process;
        if (job.side().equals(OURS)) {
            Path training = repo.resolve(TRAINING_SOURCE);
            if (!Files.exists(training)) {
                throw new IllegalStateException("the Maven plugin's training program is missing: " + training);
            }
            process = new ProcessBuilder(flags.trainingCommand(javaExecutable(), training, sides.get(OURS).classpath()))
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } else {
            process = start(new Job(job.side(), "cold"), flags.dumpOptions(job.side()), log);
        }
        if (!process.waitFor(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || !flags.hasArchive(job.side())) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("the " + job.side() + " side's class data sharing archive was not made; see "
                    + logs);
        }
        System.out.printf("  [%s] class data sharing archive made: %s%n", job.side(), flags.archive(job.side()));
    }

    private Process start(Job job, List<String> extraOptions, Path log) throws IOException {
        Side side = sides.get(job.side());
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(CHILD_JVM_OPTIONS);
        command.addAll(extraOptions);
        command.add("-cp");
        command.add(side.classpath());
        command.add(side.mainClass());
        command.add(job.mode());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private Map<String, String> runChild(Job job, int round) throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(job.tuned() ? flags.options(job.side()) : List.of());
        Path collapsed = logs.resolve(String.format("%03d-%s.collapsed", childCount + 1, job.key().replace(':', '-')));
        if (job.profiled()) {
            if (profiler == null) {
                return Map.of("failed", "no async-profiler for this platform");
            }
            options.add(profiler.agentOption(collapsed));
            options.add("-Dbench.haltAtReady=true");
        }
        Path log = logs.resolve(String.format("%03d-%s.log", ++childCount, job.key().replace(':', '-')));
        long t0 = System.nanoTime();
        Process process = start(job, options, log);
        Thread killer = new Thread(process::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(killer);
        boolean exited = process.waitFor(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        Runtime.getRuntime().removeShutdownHook(killer);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        Map<String, String> figures = new LinkedHashMap<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("BENCH ") && line.indexOf('=') > 0) {
                int eq = line.indexOf('=');
                figures.put(line.substring(6, eq), line.substring(eq + 1));
            }
        }
        figures.put("wall_ms", String.valueOf(wallMs));
        if (job.profiled() && exited && Files.exists(collapsed)) {
            figures.putAll(Profiler.categories(collapsed));
        }
        String problem = !exited ? "timed out after " + CHILD_TIMEOUT.toMinutes() + " min"
                : process.exitValue() != 0 ? "exit code " + process.exitValue()
                : !"1".equals(figures.get("done")) ? "no result"
                : !"0".equals(figures.getOrDefault("tests_failed", "0")) ? figures.get("tests_failed") + " tests failed"
                : null;
        if (problem != null) {
            figures.put("failed", problem);
            System.out.printf("  [%s round %d] FAILED (%s); see %s%n", job.key(), round + 1, problem, log);
        } else {
            System.out.printf("  [%s round %d] %s%n", job.key(), round + 1, headline(figures));
        }
        return figures;
    }

    private static String headline(Map<String, String> f) {
        return f.entrySet().stream()
                .filter(e -> Set.of("ready_ms", "first_test_body_ms", "first_group_ms", "warm_group_median_ms", "test_median_ms", "run_ms",
                        "produce_msg_s", "consume_msg_s", "heap_mb").contains(e.getKey()))
                .map(e -> e.getKey() + "=" + Report.plain(Double.parseDouble(e.getValue())))
                .collect(Collectors.joining(" ")) + " (wall " + f.get("wall_ms") + " ms)";
    }

    /** The java that runs this runner runs both sides too. */
    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * A side's JVM: its module's jar and the dependency classpath Maven wrote for it. The jar, not
     * {@code target/classes}: class data sharing refuses a class path with a non-empty directory.
     */
    record Side(String name, Path target, String mainClass) {
        String classpath() throws IOException {
            Path file = target.resolve("classpath.txt");
            if (!Files.exists(file)) {
                throw new IllegalStateException(file + " is missing: build with mvn -Pbench package first");
            }
            Path jar;
            try (var jars = Files.list(target)) {
                jar = jars.filter(p -> p.getFileName().toString().matches("benchmarks-.*\\.jar")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no benchmarks-*.jar in " + target
                                + ": build with mvn -Pbench package first"));
            }
            return jar + java.io.File.pathSeparator + Files.readString(file).trim();
        }
    }

    /**
     * One JVM to run: a side, the measurement it makes, whether it runs with the flags README
     * recommends ({@code +flags} in its key) and whether a profiler watches it ({@code +profile}).
     */
    record Job(String side, String mode, boolean tuned, boolean profiled) {
        Job(String side, String mode) {
            this(side, mode, false, false);
        }

        Job(String side, String mode, boolean tuned) {
            this(side, mode, tuned, false);
        }

        String key() {
            return side + ":" + mode + (tuned ? "+flags" : "") + (profiled ? "+profile" : "");
        }
    }

    /** A named measure: its jobs, run round after round. */
    record Measure(String name, int rounds, List<Job> jobs) {
    }

    /** The when and where of the run, for the report. */
    record MachineFacts(String when, int cpus, String memory, String cpuModel, String jvm, String load, String code) {

        /** The pseudo-job under which results.tsv keeps these facts. */
        static final String JOB = "machine";

        Map<String, String> toFigures(Duration total, int runs, int suiteRuns) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("when", when);
            f.put("cpus", String.valueOf(cpus));
            f.put("memory", memory);
            f.put("cpu_model", cpuModel);
            f.put("jvm", jvm);
            f.put("load", load);
            f.put("code", code);
            f.put("total_s", String.valueOf(total.toSeconds()));
            f.put("runs", String.valueOf(runs));
            f.put("suite_runs", String.valueOf(suiteRuns));
            return f;
        }

        static MachineFacts of(Map<String, String> f) {
            return new MachineFacts(f.get("when"), Integer.parseInt(f.get("cpus")), f.get("memory"), f.get("cpu_model"),
                    f.get("jvm"), f.get("load"), f.getOrDefault("code", "unknown"));
        }

        /** The 1-, 5- and 15-minute load averages: how busy the machine was besides the benchmark. */
        static String loadAverage() {
            try {
                String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
                return parts[0] + " / " + parts[1] + " / " + parts[2];
            } catch (IOException | RuntimeException e) {
                return "unknown";
            }
        }

        /**
         * Which code was measured: the commit, and whether files outside the benchmark's own were
         * changed but not committed when the measurements started (the build uses the working tree).
         */
        static String codeState(String repo) {
            if (repo == null) {
                return "unknown";
            }
            try {
                String commit = git(repo, "rev-parse", "--short", "HEAD").trim();
                long changed = git(repo, "status", "--porcelain", "--", ".", ":(exclude)benchmarks",
                        ":(exclude)docs/benchmarks.md", ":(exclude)docs/benchmarks.png").lines().count();
                return "commit " + commit + (changed == 0 ? ", no other uncommitted changes"
                        : ", plus uncommitted changes in " + changed + " file(s) outside benchmarks/");
            } catch (IOException | RuntimeException e) {
                return "unknown (" + e.getMessage() + ")";
            }
        }

        private static String git(String repo, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of("git", "-C", repo));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (process.waitFor() != 0) {
                    throw new IOException("git " + String.join(" ", args) + ": " + out.trim());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return out;
        }

        static MachineFacts collect(String loadAtStart, String code) {
            String memory = "unknown";
            String cpu = "unknown";
            try {
                memory = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                        .filter(l -> l.startsWith("MemTotal:")).findFirst()
                        .map(l -> String.format(Locale.ROOT, "%.1f GiB",
                                Long.parseLong(l.replaceAll("\\D", "")) / (1024.0 * 1024.0)))
                        .orElse(memory);
                cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                        .filter(l -> l.startsWith("model name")).findFirst()
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
            } catch (IOException | RuntimeException e) {
                // not Linux: leave unknown
            }
            String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                    + " (" + System.getProperty("java.vendor") + ")";
            String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(Instant.now());
            String load = "at start " + loadAtStart + ", at end " + loadAverage();
            return new MachineFacts(when, Runtime.getRuntime().availableProcessors(), memory, cpu, jvm, load, code);
        }
    }
}
