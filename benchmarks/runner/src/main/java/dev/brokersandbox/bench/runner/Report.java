package dev.brokersandbox.bench.runner;

import static dev.brokersandbox.bench.runner.Runner.ANCHOR;
import static dev.brokersandbox.bench.runner.Runner.OURS;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns the figures into docs/benchmarks.md: the targets table, the details, the why, the raw runs. */
final class Report {

    static final String OURS_COLD = OURS + ":cold";
    static final String ANCHOR_COLD = ANCHOR + ":cold";
    static final String OURS_LATENCY = OURS + ":latency";
    static final String ANCHOR_LATENCY = ANCHOR + ":latency";
    static final String OURS_PERTEST = OURS + ":pertest";
    static final String ANCHOR_PERTEST = ANCHOR + ":pertest";
    static final String OURS_THROUGHPUT = OURS + ":throughput";
    static final String ANCHOR_THROUGHPUT = ANCHOR + ":throughput";
    static final String OURS_SUITE = OURS + ":suite";
    static final String ANCHOR_SUITE = ANCHOR + ":suite";
    static final String ANCHOR_GLOBAL = ANCHOR + ":suite-global";
    static final String SPRING_OURS_SUITE = Runner.SPRING_OURS + ":suite";
    static final String SPRING_ANCHOR_SUITE = Runner.SPRING_ANCHOR + ":suite";
    static final String SPRING_OURS_SUITE_REUSE = Runner.SPRING_OURS + ":suite-reuse";
    static final String SPRING_ANCHOR_DIRTIES = Runner.SPRING_ANCHOR + ":suite-dirties";
    static final String OURS_COLD_KAFKA = OURS + ":cold-kafka";
    static final String OURS_COLD_AMQP = OURS + ":cold-amqp";
    static final String OURS_COLD_FLAGS = OURS + ":cold+flags";
    static final String ANCHOR_COLD_FLAGS = ANCHOR + ":cold+flags";
    static final String OURS_COLD_KAFKA_FLAGS = OURS + ":cold-kafka+flags";
    static final String BEFORE_COLD = Runner.BEFORE + ":cold";
    static final String BEFORE_LATENCY = Runner.BEFORE + ":latency";
    static final String BEFORE_PERTEST = Runner.BEFORE + ":pertest";
    static final String BEFORE_SUITE = Runner.BEFORE + ":suite";
    static final String OURS_FIRST_TEST = OURS + ":first-test";
    static final String OURS_FIRST_TEST_REUSE = OURS + ":first-test-reuse";
    static final String OURS_PERTEST_REUSE = OURS + ":pertest-reuse";
    static final String OURS_PERTEST_EMBEDDED = OURS + ":pertest-embedded";
    static final String PER_TEST = "test_median_ms.PerTestFixture";
    static final String PER_TEST_KAFKA_ONLY = "test_median_ms.PerTestKafkaOnlyFixture";

    /** How a row's target is judged. */
    enum TargetKind { RATIO_AT_MOST, OURS_BELOW, NONE }

    /**
     * One line of a table: a figure of our side's runs next to one of the anchor's (or none).
     * {@code scale} converts the figure to {@code unit} (ms to s: 0.001).
     */
    record Row(String name, String unit, double scale, String oursJob, String oursFigure, String anchorJob,
               String anchorFigure, TargetKind kind, double target, Function<Report, String> why) {

        static Row info(String name, String unit, double scale, String oursJob, String oursFigure, String anchorJob,
                        String anchorFigure) {
            return new Row(name, unit, scale, oursJob, oursFigure, anchorJob, anchorFigure, TargetKind.NONE, 0, r -> null);
        }
    }

    private final Results results;
    private final Runner.MachineFacts machine;
    private final int runs;
    private final int suiteRuns;
    private final Duration total;
    final List<Row> targets = new ArrayList<>();
    final List<Row> details = new ArrayList<>();
    /** Ours and the anchor, both with the flags README recommends. */
    final List<Row> withFlags = new ArrayList<>();
    /** Ours attached to a reuse launcher (left) against ours with brokers in the JVM (right). */
    final List<Row> reuse = new ArrayList<>();
    /** Ours now (left) against ours built before the classloader isolation (right). */
    final List<Row> isolation = new ArrayList<>();

    Report(Results results, Runner.MachineFacts machine, int runs, int suiteRuns, Duration total) {
        this.results = results;
        this.machine = machine;
        this.runs = runs;
        this.suiteRuns = suiteRuns;
        this.total = total;

        targets.add(new Row("Cold start: JVM start → ready for a round trip", "ms", 1, OURS_COLD, "ready_ms",
                ANCHOR_COLD, "ready_ms", TargetKind.RATIO_AT_MOST, 0.8, Report::whyCold));
        targets.add(new Row("Cold start, ours with Kafka only (`.kafka(..)`) vs the anchor", "ms", 1, OURS_COLD_KAFKA,
                "ready_ms", ANCHOR_COLD, "ready_ms", TargetKind.RATIO_AT_MOST, 0.6, Report::whyKafkaAlone));
        targets.add(new Row("Cold start: CPU time used by the JVM until ready (all threads)", "ms", 1, OURS_COLD,
                "cpu_at_ready_ms", ANCHOR_COLD, "cpu_at_ready_ms", TargetKind.RATIO_AT_MOST, 1.0, Report::whyCpu));
        targets.add(new Row("First record, first consumer group ever on a fresh broker", "ms", 1, OURS_LATENCY,
                "first_group_ms", ANCHOR_LATENCY, "first_group_ms", TargetKind.OURS_BELOW, 300, Report::whyFirstGroup));
        targets.add(new Row("First record, new consumer group on a warm broker (median of 20 groups)", "ms", 1,
                OURS_LATENCY, "warm_group_median_ms", ANCHOR_LATENCY, "warm_group_median_ms", TargetKind.OURS_BELOW, 100,
                Report::whyWarmGroup));
        targets.add(new Row("Per-test overhead (median of 50 trivial tests)", "ms", 1, OURS_PERTEST, PER_TEST,
                ANCHOR_PERTEST, PER_TEST, TargetKind.RATIO_AT_MOST, 1.0, Report::whyPerTest));
        targets.add(new Row("20-class suite vs `@EmbeddedKafka` per class", "s", 0.001, OURS_SUITE, "run_ms",
                ANCHOR_SUITE, "run_ms", TargetKind.RATIO_AT_MOST, 0.25, Report::whySuitePerClass));
        targets.add(new Row("20-class suite vs spring's global embedded broker", "s", 0.001, OURS_SUITE, "run_ms",
                ANCHOR_GLOBAL, "run_ms", TargetKind.RATIO_AT_MOST, 0.6, Report::whySuiteGlobal));
        targets.add(new Row("10 `@SpringBootTest` classes, Kafka and RabbitMQ, vs `@EmbeddedKafka` (Kafka only)", "s", 0.001,
                SPRING_OURS_SUITE, "run_ms", SPRING_ANCHOR_SUITE, "run_ms", TargetKind.RATIO_AT_MOST, 0.5, Report::whySpring));
        targets.add(new Row("The same vs `@EmbeddedKafka` with `@DirtiesContext` (a context and a broker per class)", "s", 0.001,
                SPRING_OURS_SUITE, "run_ms", SPRING_ANCHOR_DIRTIES, "run_ms", TargetKind.RATIO_AT_MOST, 0.5,
                Report::whySpringDirties));
        targets.add(new Row("Kafka produce, 200,000 × 100 B, acks=all", "msg/s", 1, OURS_THROUGHPUT, "produce_msg_s",
                ANCHOR_THROUGHPUT, "produce_msg_s", TargetKind.NONE, 0, Report::whyThroughput));
        targets.add(new Row("Kafka consume, the same 200,000 records", "msg/s", 1, OURS_THROUGHPUT, "consume_msg_s",
                ANCHOR_THROUGHPUT, "consume_msg_s", TargetKind.NONE, 0, Report::whyConsume));
        targets.add(new Row("Heap used after the brokers start (after System.gc())", "MB", 1, OURS_LATENCY, "heap_mb",
                ANCHOR_LATENCY, "heap_mb", TargetKind.NONE, 0, Report::whyHeap));

        details.add(Row.info("Cold start: JVM start → main()", "ms", 1, OURS_COLD, "main_ms", ANCHOR_COLD, "main_ms"));
        details.add(Row.info("Cold start: JVM start → brokers started (before any client)", "ms", 1, OURS_COLD,
                "started_ms", ANCHOR_COLD, "started_ms"));
        details.add(Row.info("Cold start: the start call (`Sandbox.builder()…start()` / `afterPropertiesSet()`)", "ms", 1,
                OURS_COLD, "start_call_ms", ANCHOR_COLD, "start_call_ms"));
        details.add(Row.info("Cold start: CPU time used by the JVM when the brokers are started (all threads)", "ms", 1,
                OURS_COLD, "cpu_at_started_ms", ANCHOR_COLD, "cpu_at_started_ms"));
        details.add(Row.info("Cold start, ours with Kafka only: CPU time used when ready", "ms", 1, OURS_COLD_KAFKA,
                "cpu_at_ready_ms", ANCHOR_COLD, "cpu_at_ready_ms"));
        details.add(Row.info("Cold start, ours with AMQP only: CPU time used when ready", "ms", 1, OURS_COLD_AMQP,
                "cpu_at_ready_ms", null, null));
        details.add(Row.info("Cold start: first Kafka round trip after start", "ms", 1, OURS_COLD, "kafka_round_trip_ms",
                ANCHOR_COLD, "kafka_round_trip_ms"));
        details.add(Row.info("Cold start: first AMQP round trip after that (ours only)", "ms", 1, OURS_COLD,
                "amqp_round_trip_ms", null, null));
        details.add(Row.info("Cold start, ours with AMQP only (`.amqp(..)`)", "ms", 1, OURS_COLD_AMQP, "ready_ms",
                null, null));
        details.add(Row.info("Per-test overhead, Kafka clients only (Producer + Consumer; ours runs it second in the JVM)",
                "ms", 1, OURS_PERTEST, PER_TEST_KAFKA_ONLY, ANCHOR_PERTEST, PER_TEST));
        details.add(Row.info("Suite: test discovery (vs per class)", "ms", 1, OURS_SUITE, "discovery_ms", ANCHOR_SUITE,
                "discovery_ms"));
        details.add(Row.info("Suite: launcher start (discovery included) → first test (vs per class; brokers start here)", "ms", 1,
                OURS_SUITE, "class_setup_first_ms", ANCHOR_SUITE, "class_setup_first_ms"));
        details.add(Row.info("Suite: launcher start (discovery included) → first test (vs global)", "ms", 1,
                OURS_SUITE, "class_setup_first_ms", ANCHOR_GLOBAL, "class_setup_first_ms"));
        details.add(Row.info("Suite: set-up of classes 2–20, median (vs per class)", "ms", 1, OURS_SUITE,
                "class_setup_rest_median_ms", ANCHOR_SUITE, "class_setup_rest_median_ms"));
        details.add(Row.info("Suite: set-up of classes 2–20, median (vs global)", "ms", 1, OURS_SUITE,
                "class_setup_rest_median_ms", ANCHOR_GLOBAL, "class_setup_rest_median_ms"));
        details.add(Row.info("Suite: class tear-down, median (vs per class)", "ms", 1, OURS_SUITE,
                "class_teardown_median_ms", ANCHOR_SUITE, "class_teardown_median_ms"));
        details.add(Row.info("Suite: one test, median (vs per class; ours has a Kafka and an AMQP test per class)", "ms",
                1, OURS_SUITE, "test_median_ms", ANCHOR_SUITE, "test_median_ms"));
        details.add(Row.info("Suite: one test, median (vs global)", "ms", 1, OURS_SUITE, "test_median_ms",
                ANCHOR_GLOBAL, "test_median_ms"));
        details.add(Row.info("Spring suite: launcher start (discovery included) → first test (brokers and the application context start here)",
                "ms", 1, SPRING_OURS_SUITE, "class_setup_first_ms", SPRING_ANCHOR_SUITE, "class_setup_first_ms"));
        details.add(Row.info("Spring suite: set-up of classes 2–10, median (the cached context)", "ms", 1, SPRING_OURS_SUITE,
                "class_setup_rest_median_ms", SPRING_ANCHOR_SUITE, "class_setup_rest_median_ms"));
        details.add(Row.info("Spring suite: one test, median (ours: a Kafka and an AMQP round trip through the listeners per class)",
                "ms", 1, SPRING_OURS_SUITE, "test_median_ms", SPRING_ANCHOR_SUITE, "test_median_ms"));
        details.add(Row.info("Kafka consume including the group join", "msg/s", 1, OURS_THROUGHPUT,
                "consume_incl_join_msg_s", ANCHOR_THROUGHPUT, "consume_incl_join_msg_s"));

        withFlags.add(Row.info("Cold start: JVM start → ready for a round trip", "ms", 1, OURS_COLD_FLAGS, "ready_ms",
                ANCHOR_COLD_FLAGS, "ready_ms"));
        withFlags.add(Row.info("Cold start, ours with Kafka only vs the anchor", "ms", 1, OURS_COLD_KAFKA_FLAGS,
                "ready_ms", ANCHOR_COLD_FLAGS, "ready_ms"));
        withFlags.add(Row.info("Cold start: CPU time used by the JVM until ready", "ms", 1, OURS_COLD_FLAGS,
                "cpu_at_ready_ms", ANCHOR_COLD_FLAGS, "cpu_at_ready_ms"));
        withFlags.add(Row.info("Ours with the flags vs ours without them (same rounds' cold starts): ready", "ms", 1,
                OURS_COLD_FLAGS, "ready_ms", OURS_COLD, "ready_ms"));
        withFlags.add(Row.info("Ours with the flags vs ours without them: CPU until ready", "ms", 1,
                OURS_COLD_FLAGS, "cpu_at_ready_ms", OURS_COLD, "cpu_at_ready_ms"));
        withFlags.add(Row.info("Ours with the flags vs the anchor without them: ready", "ms", 1,
                OURS_COLD_FLAGS, "ready_ms", ANCHOR_COLD, "ready_ms"));

        reuse.add(new Row("JVM start → first test of one class using both brokers", "ms", 1, OURS_FIRST_TEST_REUSE,
                "first_test_body_ms", OURS_FIRST_TEST, "first_test_body_ms", TargetKind.RATIO_AT_MOST, 0.15,
                Report::whyFirstTestReuse));
        reuse.add(new Row("Per-test overhead (median of 50 trivial tests): external mode against the launcher",
                "ms", 1, OURS_PERTEST_REUSE, PER_TEST, OURS_PERTEST_EMBEDDED, PER_TEST, TargetKind.RATIO_AT_MOST, 1.2, r -> null));
        reuse.add(new Row("10 `@SpringBootTest` classes, Kafka and RabbitMQ, attached; right: `@EmbeddedKafka` (Kafka only)",
                "s", 0.001, SPRING_OURS_SUITE_REUSE, "run_ms", SPRING_ANCHOR_SUITE, "run_ms", TargetKind.RATIO_AT_MOST, 0.5,
                Report::whySpringReuse));
        reuse.add(Row.info("The same 10 classes, attached; right: ours with the brokers in the JVM", "s", 0.001,
                SPRING_OURS_SUITE_REUSE, "run_ms", SPRING_OURS_SUITE, "run_ms"));

        isolation.add(Row.info("Cold start: JVM start → ready for a round trip", "ms", 1, OURS_COLD, "ready_ms",
                BEFORE_COLD, "ready_ms"));
        isolation.add(Row.info("Cold start: JVM start → brokers started", "ms", 1, OURS_COLD, "started_ms",
                BEFORE_COLD, "started_ms"));
        isolation.add(Row.info("Cold start: CPU time used by the JVM until ready", "ms", 1, OURS_COLD, "cpu_at_ready_ms",
                BEFORE_COLD, "cpu_at_ready_ms"));
        isolation.add(Row.info("Per-test overhead (median of 50 trivial tests)", "ms", 1, OURS_PERTEST, PER_TEST,
                BEFORE_PERTEST, PER_TEST));
        isolation.add(Row.info("20-class suite", "s", 0.001, OURS_SUITE, "run_ms", BEFORE_SUITE, "run_ms"));
        isolation.add(Row.info("Heap used after the brokers start (after System.gc())", "MB", 1, OURS_LATENCY,
                "heap_mb", BEFORE_LATENCY, "heap_mb"));
    }

    // ---------------------------------------------------------------- markdown

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks: Broker Sandbox vs spring-kafka-test\n\n");
        md.append("Written by the benchmark runner (`benchmarks/`, see [its README](../benchmarks/README.md)); do not edit by hand.\n");
        md.append("Run on ").append(machine.when()).append(", in ").append(minutes(total)).append(" (")
                .append(runs).append(" fresh JVMs per side for each measure, ").append(suiteRuns)
                .append(" for the 20-class suite; ours and the anchor alternate, the order rotating each round;"
                        + " ours' one-broker cold starts run in the same rounds as the cold starts).\n"
                        + "Code measured: " + machine.code() + ".\n\n");
        md.append("*Ours*: Broker Sandbox (`dev.brokersandbox:junit-extension`): Kafka ")
                .append(results.text(OURS_COLD, "kafka_version")).append(" (KRaft, one node) and Qpid Broker-J ")
                .append(results.text(OURS_COLD, "qpid_version")).append(" (AMQP 0-9-1) in the test JVM, JUnit Jupiter ")
                .append(results.text(OURS_COLD, "junit_version")).append(".\n");
        md.append("*Anchor*: spring-kafka-test ").append(results.text(ANCHOR_COLD, "spring_kafka_test_version"))
                .append(" (`EmbeddedKafkaKraftBroker`, one broker; Kafka ").append(results.text(ANCHOR_COLD, "kafka_version"))
                .append("; Kafka only, no AMQP), JUnit Jupiter ").append(results.text(ANCHOR_COLD, "junit_version"))
                .append(". Each side runs in its own JVMs with its own classpath.\n\n");

        md.append("## Machine\n\n");
        md.append("| `nproc` | memory | CPU (`/proc/cpuinfo`) | JVM (both sides and the runner) | load average 1 / 5 / 15 min |\n");
        md.append("|---|---|---|---|---|\n");
        md.append("| ").append(machine.cpus()).append(" | ").append(machine.memory()).append(" | ")
                .append(machine.cpuModel()).append(" | ").append(machine.jvm()).append(" | ").append(machine.load())
                .append(" |\n\n");
        md.append("A shared, noisy machine (other builds may run during the benchmark, as the load average shows): "
                + "compare the ratios of one run rather than absolute figures across runs.\n\n");

        md.append("## Results against the targets\n\n");
        table(md, targets, true);
        md.append("\n![Median figures, ours vs the anchor](benchmarks.png)\n\n");

        md.append("### Why\n\n");
        for (Row row : targets) {
            String why = row.why().apply(this);
            if (why != null) {
                md.append("- **").append(row.name()).append("** — ").append(verdict(row)).append(why)
                        .append(closeCall(row)).append("\n");
            }
        }

        md.append("\n## Details\n\n");
        table(md, details, false);

        if (results.has(OURS_COLD_FLAGS)) {
            md.append("\n## With the flags README recommends\n\n");
            md.append("Both sides given ").append(RecommendedFlags.describe()).append(", each archive made by an "
                    + "unmeasured run before the rounds, and measured in the same rounds. Reported, no target.\n\n");
            table(md, withFlags, false, "Left (ours, with the flags)", "Right");
        }
        if (results.has(OURS_FIRST_TEST_REUSE) || results.has(SPRING_OURS_SUITE_REUSE)) {
            md.append("\n## Reuse mode: tests attached to a launcher already running\n\n");
            md.append("Ours attached to a reuse launcher (`brokersandbox.reuse=true`: external mode against "
                    + "`java -jar broker-sandbox.jar --reuse`, started by an unmeasured first run and stopped after "
                    + "the measure) against ours starting its brokers in the JVM, in the same rounds. The first "
                    + "test's figure is taken in its body: brokers ready, the class's topic and queue declared, a "
                    + "producer, a consumer and a channel injected. The Spring rows run the Spring measure's ten "
                    + "classes attached to a launcher of their own, in the Spring measure's rounds.\n\n");
            table(md, reuse, true, "Reuse mode", "Brokers in the JVM");
            md.append('\n');
            for (Row row : reuse) {
                String why = row.why().apply(this);
                if (why != null && results.has(row.oursJob())) {
                    md.append("- **").append(row.name()).append("** — ").append(verdict(row)).append(why).append('\n');
                }
            }
        }
        if (results.has(BEFORE_COLD)) {
            md.append("\n## What the brokers' own classloader costs\n\n");
            md.append("Ours as it is now (*left*) against ours built at the last commit before the brokers moved "
                    + "into a classloader of their own (*right*, `-Dbench.before`), in the same rounds: the "
                    + "isolation must cost nothing.\n\n");
            table(md, isolation, false, "Ours now", "Ours before the isolation");
        }
        if (results.has(OURS_COLD + "+profile")) {
            md.append("\n## Where the start-up CPU goes\n\n");
            md.append(ProfileTable.markdown(results));
        }

        md.append("\n## How each figure is measured\n\n");
        md.append("""
                Every figure comes from a fresh JVM (`java -cp <side's classpath> <side's Main> <measure>`), started
                by the runner with the same options on both sides (`-Dorg.slf4j.simpleLogger.defaultLogLevel=warn`,
                slf4j-simple on both classpaths; no heap or GC flags). Times inside a JVM use `System.nanoTime()`;
                "since JVM start" uses `RuntimeMXBean.getStartTime()`. Min / median / max are over the runs; the
                ratio is ours' median over the anchor's median.

                - **Cold start**: ours `Sandbox.builder().kafka(topic).amqp(queue).start()`, then one Kafka record
                  produced (acks=all) and consumed by a new group, then one AMQP message published (with confirms)
                  and consumed; the anchor `new EmbeddedKafkaKraftBroker(1, 1, topic).afterPropertiesSet()`, then
                  one Kafka record produced and consumed with `KafkaTestUtils` props. Figure: JVM start → the
                  last message received.
                - **First record for a new consumer group**: brokers started (ours: both; topic of one partition
                  holding one record), then a consumer per group (ours `sandbox.kafka().consumer(group)`, anchor
                  `KafkaTestUtils.consumerProps(brokers, group)`); figure: `subscribe` → the `poll` that returns
                  the record. The first group is the broker's first ever; then 20 more groups, one after another,
                  each run giving their median.
                - **Per-test overhead**: a class of 50 trivial tests run through the JUnit Platform Launcher;
                  figure: the median of each test's reported start → finish (parameter resolution, body, closing).
                  Ours: `@BrokerSandbox`, each test takes `Producer`, `Consumer` and `Channel` (the extension
                  creates, injects and closes them, giving each test method its own consumer group). Anchor:
                  `@EmbeddedKafka`, each test takes the `EmbeddedKafkaBroker` and creates and closes a producer and
                  a consumer from `KafkaTestUtils` props.
                - **20-class suite**: 20 classes run by the JUnit Platform Launcher in one fresh JVM; figure: JVM
                  start → `Launcher.execute` returned (so brokers' start and stop are included). Ours: 20
                  `@BrokerSandbox` classes, each with its own topic and queue, a test producing and consuming 100
                  Kafka records and a test publishing (confirmed) and consuming 100 AMQP messages. Anchor per
                  class: 20 `@EmbeddedKafka(topics = …, partitions = 1)` classes, one test producing and
                  consuming 100 records (spring's default: a broker per class). Anchor global: the same 20
                  classes without the annotation, with the JUnit Platform configuration parameters
                  `spring.kafka.global.embedded.enabled=true`, `spring.kafka.embedded.topics=suite-01,…`,
                  `spring.kafka.embedded.partitions=1` (what `junit-platform.properties` would hold): one broker
                  for the whole run.
                - **Throughput**: 200,000 records of 100 B (null key), acks=all, to a one-partition topic; produce
                  = first `send` → `flush()` returned; consume = first record → the 200,000th (a new group,
                  after the produce). Ours: `sandbox.kafka().producer()` / `.consumer(group)`; anchor:
                  `KafkaTestUtils.producerProps` (+ `acks=all`) / `consumerProps`.
                - **Heap**: heap used right after the brokers start, after two `System.gc()` (in the latency JVMs).
                  Ours holds Kafka and Qpid, the anchor Kafka only. (Whether our samples pass with `-Xmx256m` is
                  checked elsewhere.)
                """);

        md.append("\n## Raw runs\n\n");
        md.append("Per-run figures in the order they ran (one fresh JVM each).\n\n");
        java.util.Set<String> listed = new java.util.HashSet<>();
        for (Row row : targets) {
            if (listed.add(row.oursJob() + " " + row.oursFigure())) {
                raw(md, row.oursJob(), row.oursFigure(), row.scale(), row.unit());
            }
            if (row.anchorJob() != null && listed.add(row.anchorJob() + " " + row.anchorFigure())) {
                raw(md, row.anchorJob(), row.anchorFigure(), row.scale(), row.unit());
            }
        }
        for (Row row : withFlags.subList(0, 3)) {
            if (listed.add(row.oursJob() + " " + row.oursFigure())) {
                raw(md, row.oursJob(), row.oursFigure(), row.scale(), row.unit());
            }
            if (listed.add(row.anchorJob() + " " + row.anchorFigure())) {
                raw(md, row.anchorJob(), row.anchorFigure(), row.scale(), row.unit());
            }
        }
        for (Row row : reuse) {
            for (String[] jf : new String[][] {{row.oursJob(), row.oursFigure()}, {row.anchorJob(), row.anchorFigure()}}) {
                if (listed.add(jf[0] + " " + jf[1])) {
                    raw(md, jf[0], jf[1], row.scale(), row.unit());
                }
            }
        }
        for (Row row : isolation) {
            if (listed.add(row.anchorJob() + " " + row.anchorFigure())) {
                raw(md, row.anchorJob(), row.anchorFigure(), row.scale(), row.unit());
            }
        }
        List<String> failed = new ArrayList<>();
        for (String job : results.jobs()) {
            for (String f : results.failures(job)) {
                failed.add("`" + job + "`: " + f);
            }
        }
        md.append("\nFailed runs (left out of the figures): ").append(failed.isEmpty() ? "none" : String.join("; ", failed))
                .append(".\n");
        return md.toString();
    }

    private void table(StringBuilder md, List<Row> rows, boolean withTargets) {
        table(md, rows, withTargets, "Ours", "Anchor");
    }

    private void table(StringBuilder md, List<Row> rows, boolean withTargets, String left, String right) {
        md.append("| Measure | Unit | ").append(left).append(" min / **median** / max | ").append(right)
                .append(" min / **median** / max | Ratio ").append(left.equals("Ours") ? "ours/anchor" : "left/right")
                .append(" (medians)");
        md.append(withTargets ? " | Target | Met |\n|---|---|---|---|---|---|---|\n" : " |\n|---|---|---|---|---|\n");
        for (Row row : rows) {
            Results.Stats ours = results.stats(row.oursJob(), row.oursFigure());
            Results.Stats anchor = row.anchorJob() == null ? null : results.stats(row.anchorJob(), row.anchorFigure());
            md.append("| ").append(row.name()).append(" | ").append(row.unit()).append(" | ")
                    .append(triple(ours, row)).append(" | ")
                    .append(row.anchorJob() == null ? "—" : triple(anchor, row)).append(" | ")
                    .append(ratioText(row)).append(" |");
            if (withTargets) {
                md.append(' ').append(targetText(row)).append(" | ").append(metText(row)).append(" |");
            }
            md.append('\n');
        }
    }

    private void raw(StringBuilder md, String job, String figure, double scale, String unit) {
        List<Double> values = results.values(job, figure);
        if (values.isEmpty()) {
            return;
        }
        md.append("- `").append(job).append("` ").append(figure).append(" (").append(unit).append("): ")
                .append(values.stream().map(v -> format(v * scale)).collect(Collectors.joining(", "))).append('\n');
    }

    private static String triple(Results.Stats s, Row row) {
        if (s == null) {
            return "not measured";
        }
        return format(s.min() * row.scale()) + " / **" + format(s.median() * row.scale()) + "** / "
                + format(s.max() * row.scale());
    }

    double ratio(Row row) {
        if (row.anchorJob() == null) {
            return Double.NaN;
        }
        return results.median(row.oursJob(), row.oursFigure()) / results.median(row.anchorJob(), row.anchorFigure());
    }

    private String ratioText(Row row) {
        double r = ratio(row);
        return Double.isNaN(r) ? "—" : String.format(Locale.ROOT, "%.2f×", r);
    }

    private static String targetText(Row row) {
        return switch (row.kind()) {
            case RATIO_AT_MOST -> String.format(Locale.ROOT, "ratio ≤ %.2f", row.target());
            case OURS_BELOW -> "ours < " + format(row.target()) + " " + row.unit();
            case NONE -> "— (reported)";
        };
    }

    /** True, false, or null when there is no target or no figure. */
    Boolean met(Row row) {
        return switch (row.kind()) {
            case RATIO_AT_MOST -> Double.isNaN(ratio(row)) ? null : ratio(row) <= row.target();
            case OURS_BELOW -> {
                double ours = results.median(row.oursJob(), row.oursFigure());
                yield Double.isNaN(ours) ? null : ours < row.target();
            }
            case NONE -> null;
        };
    }

    private String metText(Row row) {
        Boolean met = met(row);
        if (row.kind() == TargetKind.NONE) {
            return "—";
        }
        return met == null ? "not measured" : met ? "yes" : "**no**";
    }

    /** A figure within 10% of its target can land on the other side in another run on this machine. */
    private String closeCall(Row row) {
        double figure = switch (row.kind()) {
            case RATIO_AT_MOST -> ratio(row);
            case OURS_BELOW -> results.median(row.oursJob(), row.oursFigure());
            case NONE -> Double.NaN;
        };
        if (Double.isNaN(figure) || Math.abs(figure / row.target() - 1) >= 0.10) {
            return "";
        }
        return String.format(Locale.ROOT, " *Close call: %s is within 10%% of the target %s; on this noisy machine "
                + "another run can land on the other side.*", format(figure), format(row.target()));
    }

    private String verdict(Row row) {
        Boolean met = met(row);
        if (row.kind() == TargetKind.NONE) {
            return "";
        }
        return met == null ? "not measured. " : met ? "met. " : "**not met.** ";
    }

    /** Summary lines for the console. */
    String summary() {
        StringBuilder s = new StringBuilder("\nResults (medians):\n");
        for (Row row : targets) {
            s.append(String.format(Locale.ROOT, "  %-75s ours %10s  anchor %10s  ratio %6s  %s%n", row.name(),
                    format(results.median(row.oursJob(), row.oursFigure()) * row.scale()),
                    format(results.median(row.anchorJob(), row.anchorFigure()) * row.scale()), ratioText(row),
                    row.kind() == TargetKind.NONE ? "" : metText(row).replace("*", "")));
        }
        return s.toString();
    }

    // ---------------------------------------------------------------- why

    private double m(String job, String figure) {
        return results.median(job, figure);
    }

    private String ms(String job, String figure) {
        return format(m(job, figure)) + " ms";
    }

    private String whyCold() {
        String s = "Medians: ours spends " + ms(OURS_COLD, "main_ms") + " before `main`, "
                + ms(OURS_COLD, "start_call_ms") + " in `start()` (Kafka and Qpid start in parallel threads), then "
                + ms(OURS_COLD, "kafka_round_trip_ms") + " on the first Kafka round trip and "
                + ms(OURS_COLD, "amqp_round_trip_ms") + " on the AMQP one; the anchor spends "
                + ms(ANCHOR_COLD, "start_call_ms") + " in `afterPropertiesSet()` and "
                + ms(ANCHOR_COLD, "kafka_round_trip_ms") + " on its round trip. By then ours' JVM has used "
                + ms(OURS_COLD, "cpu_at_ready_ms") + " of CPU, the anchor's " + ms(ANCHOR_COLD, "cpu_at_ready_ms") + ".";
        if (results.has(OURS_COLD_KAFKA) && results.has(OURS_COLD_AMQP)) {
            double kafkaCpu = m(OURS_COLD_KAFKA, "cpu_at_ready_ms");
            double amqpCpu = m(OURS_COLD_AMQP, "cpu_at_ready_ms");
            s += " In the same rounds, ours with Kafka alone is ready in " + ms(OURS_COLD_KAFKA, "ready_ms") + " (" + format(kafkaCpu)
                    + " ms CPU), with Qpid alone in " + ms(OURS_COLD_AMQP, "ready_ms") + " (" + format(amqpCpu) + " ms CPU)";
            if (m(OURS_COLD, "cpu_at_ready_ms") >= 0.8 * (kafkaCpu + amqpCpu)) {
                s += ": together they need about the sum of their CPU (class loading, JIT, both brokers' threads),"
                        + " which 2 cores cannot hide by starting them in parallel.";
            } else {
                s += ".";
            }
        }
        return s;
    }

    private String whyKafkaAlone() {
        return "Ours with Kafka alone used " + ms(OURS_COLD_KAFKA, "cpu_at_ready_ms") + " of CPU until ready, the anchor "
                + ms(ANCHOR_COLD, "cpu_at_ready_ms") + ": the same Kafka server code, started the same way (KRaft, "
                + "combined broker and controller), costs about the same. What it costs is mostly the JVM's: see "
                + "\"Where the start-up CPU goes\" below.";
    }

    private String whyCpu() {
        return "Two brokers run about twice the code of one: more classes to load, link and verify, more lambdas to "
                + "spin, more methods for the JIT compilers to compile (see \"Where the start-up CPU goes\" below). "
                + "With Kafka alone ours used " + ms(OURS_COLD_KAFKA, "cpu_at_ready_ms") + ".";
    }

    private String whyFirstGroup() {
        return "The first group on a broker creates `__consumer_offsets` and waits for its coordinator partition to "
                + "load: ours creates it with 1 partition (`offsets.topic.num.partitions=1`), spring-kafka-test's "
                + "broker with Kafka's default 50 (it sets `group.initial.rebalance.delay.ms=0` but not the partition "
                + "count). The first consumer also runs cold (class loading, JIT) in a JVM that has just started the "
                + "brokers: ours " + ms(OURS_LATENCY, "first_group_ms") + " for the first group against "
                + ms(OURS_LATENCY, "warm_group_median_ms") + " for later ones.";
    }

    private String whyWarmGroup() {
        return "Both brokers set `group.initial.rebalance.delay.ms=0`; what is left is the classic group protocol's "
                + "find-coordinator / join / sync round trips, the offset fetch and the first fetch.";
    }

    private String whyPerTest() {
        return "Ours resolves three parameters per test (a producer, a consumer in the test's own group, an AMQP "
                + "channel) and closes them after it; the anchor's test creates a producer and a consumer only. Ours "
                + "with the Kafka clients alone: " + ms(OURS_PERTEST, PER_TEST_KAFKA_ONLY) + " per test (same JVM, run "
                + "second), so the channel accounts for the rest.";
    }

    private String whySuitePerClass() {
        return "The anchor starts and stops a broker for every class (set-up of classes 2–20: "
                + ms(ANCHOR_SUITE, "class_setup_rest_median_ms") + ", tear-down " + ms(ANCHOR_SUITE, "class_teardown_median_ms")
                + ") and its test takes " + ms(ANCHOR_SUITE, "test_median_ms")
                + " (a new group on a fresh broker, and `KafkaConsumer.close()` waits out the fetch parked at the broker: "
                + "`fetch.max.wait.ms=" + cfg(ANCHOR_THROUGHPUT, "consumer_fetch_max_wait_ms") + "` with KafkaTestUtils' props). Ours starts both brokers once, while JUnit discovers the tests (launcher start → first test "
                + ms(OURS_SUITE, "class_setup_first_ms") + "), then pays " + ms(OURS_SUITE, "class_setup_rest_median_ms")
                + " of set-up per class (its own virtual host, its topic created afresh), "
                + ms(OURS_SUITE, "class_teardown_median_ms") + " of tear-down, and " + ms(OURS_SUITE, "test_median_ms")
                + " per test." + shareOfStart();
    }

    private String whySpring() {
        return "Both sides run ten classes of one Spring Boot 4.0 application, declared alike, so Spring's context cache "
                + "builds one application context for all ten (ours with its virtual host and topic, the anchor with its "
                + "embedded broker); ours also starts the AMQP broker and runs a RabbitMQ round trip per class. Launcher "
                + "start → first test: ours " + ms(SPRING_OURS_SUITE, "class_setup_first_ms") + ", the anchor "
                + ms(SPRING_ANCHOR_SUITE, "class_setup_first_ms") + "; set-up of classes 2–10 "
                + ms(SPRING_OURS_SUITE, "class_setup_rest_median_ms") + " / " + ms(SPRING_ANCHOR_SUITE, "class_setup_rest_median_ms")
                + "; one test " + ms(SPRING_OURS_SUITE, "test_median_ms") + " / " + ms(SPRING_ANCHOR_SUITE, "test_median_ms") + ".";
    }

    private String whyFirstTestReuse() {
        return "Attached, no broker starts: of JVM start → the first test's body, JUnit's discovery takes "
                + ms(OURS_FIRST_TEST_REUSE, "discovery_ms") + " and the class's set-up (attaching; its virtual host and "
                + "topic, made by the launcher) " + ms(OURS_FIRST_TEST_REUSE, "class_setup_first_ms") + ".";
    }

    private String whySpringReuse() {
        return "Attached, no broker starts; what is left is mostly Spring's own start of the application context in a "
                + "fresh JVM, which both sides pay. Launcher start → first test: ours attached "
                + ms(SPRING_OURS_SUITE_REUSE, "class_setup_first_ms") + " (the context, and attaching), the anchor "
                + ms(SPRING_ANCHOR_SUITE, "class_setup_first_ms") + " (the context, and its embedded Kafka).";
    }

    private String whySpringDirties() {
        return "With `@DirtiesContext` on each class the anchor builds a context and starts an embedded broker per class "
                + "(set-up of classes 2–10: " + ms(SPRING_ANCHOR_DIRTIES, "class_setup_rest_median_ms") + "); ours keeps "
                + "one cached context, which its isolation (a virtual host and topics per context) allows.";
    }

    /** How much of ours' suite time passes before its first test, when that is most of the story. */
    private String shareOfStart() {
        double share = m(OURS_SUITE, "class_setup_first_ms") / (m(OURS_SUITE, "run_ms") - m(OURS_SUITE, "main_ms"));
        if (Double.isNaN(share) || share < 0.3) {
            return "";
        }
        return String.format(Locale.ROOT, " Up to the first test (JUnit's discovery and start-up, and the brokers' start) "
                + "is %.0f%% of ours' suite time.", share * 100);
    }

    private String whySuiteGlobal() {
        return "Both start their brokers once (launcher start → first test: the global anchor "
                + ms(ANCHOR_GLOBAL, "class_setup_first_ms") + " for Kafka alone, ours "
                + ms(OURS_SUITE, "class_setup_first_ms") + " for Kafka and Qpid); the global anchor isolates nothing "
                + "between classes (set-up of classes 2–20: " + ms(ANCHOR_GLOBAL, "class_setup_rest_median_ms")
                + "), but each of its tests takes " + ms(ANCHOR_GLOBAL, "test_median_ms")
                + " (`KafkaConsumer.close()` waits out `fetch.max.wait.ms=" + cfg(ANCHOR_THROUGHPUT, "consumer_fetch_max_wait_ms")
                + "`); ours takes "
                + ms(OURS_SUITE, "test_median_ms") + " per test, with two tests (Kafka, AMQP) per class." + shareOfStart();
    }

    private String whyThroughput() {
        return "Client settings as used (set, or the client's default): ours `linger.ms=" + cfg(OURS_THROUGHPUT,
                "producer_linger_ms") + "`, `batch.size=" + cfg(OURS_THROUGHPUT, "producer_batch_size") + "`, `acks="
                + cfg(OURS_THROUGHPUT, "producer_acks") + "`; the anchor (`KafkaTestUtils.producerProps`, `acks=all` "
                + "added) `linger.ms=" + cfg(ANCHOR_THROUGHPUT, "producer_linger_ms") + "`, `batch.size="
                + cfg(ANCHOR_THROUGHPUT, "producer_batch_size") + "`, `acks=" + cfg(ANCHOR_THROUGHPUT, "producer_acks")
                + "`. Broker and client share the JVM and the 2 cores on both sides.";
    }

    private String whyConsume() {
        return "From the first record to the last; consumer settings as used: ours `fetch.max.wait.ms="
                + cfg(OURS_THROUGHPUT, "consumer_fetch_max_wait_ms") + "`, `max.poll.records="
                + cfg(OURS_THROUGHPUT, "consumer_max_poll_records") + "`; the anchor `fetch.max.wait.ms="
                + cfg(ANCHOR_THROUGHPUT, "consumer_fetch_max_wait_ms") + "`, `max.poll.records="
                + cfg(ANCHOR_THROUGHPUT, "consumer_max_poll_records") + "`. Including the group join: ours "
                + format(m(OURS_THROUGHPUT, "consume_incl_join_msg_s")) + " msg/s, the anchor "
                + format(m(ANCHOR_THROUGHPUT, "consume_incl_join_msg_s")) + " msg/s. Each consume lasts only about "
                + format(200_000 / m(OURS_THROUGHPUT, "consume_msg_s")) + " s, so this figure is the noisiest.";
    }

    private String cfg(String job, String figure) {
        return results.text(job, figure);
    }

    private String whyHeap() {
        return "Ours holds two brokers (Kafka and Qpid), the anchor Kafka only.";
    }

    // ---------------------------------------------------------------- formatting

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String plain(double v) {
        return format(v).replace(",", "");
    }

    private static String minutes(Duration d) {
        return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }
}
