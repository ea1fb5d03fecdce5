package dev.brokersandbox.bench.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every child JVM's figures, by job ({@code side:mode}), in the order they ran. */
final class Results {

    private final Map<String, List<Map<String, String>>> byJob = new LinkedHashMap<>();

    /** One line per run: the job, then its figures as tab-separated {@code key=value}. */
    void save(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        byJob.forEach((job, runs) -> runs.forEach(run -> {
            out.append(job);
            run.forEach((k, v) -> out.append('\t').append(k).append('=').append(v));
            out.append('\n');
        }));
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    /** What {@link #save} wrote, to redraw the report without measuring again. */
    static Results load(Path file) throws IOException {
        Results results = new Results();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t");
            if (fields.length < 2) {
                continue;
            }
            Map<String, String> run = new LinkedHashMap<>();
            for (int i = 1; i < fields.length; i++) {
                int eq = fields[i].indexOf('=');
                run.put(fields[i].substring(0, eq), fields[i].substring(eq + 1));
            }
            results.add(fields[0], run);
        }
        return results;
    }

    /** Adds every run of these results to {@code other}, but the machine facts. */
    void addRunsTo(Results other) {
        byJob.forEach((job, runs) -> {
            if (!job.equals(Runner.MachineFacts.JOB)) {
                runs.forEach(run -> other.add(job, run));
            }
        });
    }

    void add(String job, Map<String, String> figures) {
        byJob.computeIfAbsent(job, k -> new ArrayList<>()).add(figures);
    }

    /** The machine facts a run saved with its figures. */
    Map<String, String> machine() {
        List<Map<String, String>> runs = byJob.get(Runner.MachineFacts.JOB);
        if (runs == null || runs.isEmpty()) {
            throw new IllegalStateException("no machine facts in these results");
        }
        return runs.get(0);
    }

    /** Every job that ran, in the order of its first run (the machine facts aside). */
    List<String> jobs() {
        return byJob.keySet().stream().filter(j -> !j.equals(Runner.MachineFacts.JOB)).toList();
    }

    boolean has(String job) {
        return !values(job, "done").isEmpty();
    }

    /** One figure from each successful run of {@code job}. */
    List<Double> values(String job, String figure) {
        List<Double> values = new ArrayList<>();
        for (Map<String, String> run : byJob.getOrDefault(job, List.of())) {
            if (!run.containsKey("failed") && run.containsKey(figure)) {
                values.add(Double.parseDouble(run.get(figure)));
            }
        }
        return values;
    }

    /** The first successful run's value of a text figure (a version), or "?". */
    String text(String job, String figure) {
        return byJob.getOrDefault(job, List.of()).stream()
                .filter(r -> !r.containsKey("failed") && r.containsKey(figure))
                .map(r -> r.get(figure)).findFirst().orElse("?");
    }

    List<String> failures(String job) {
        List<String> failures = new ArrayList<>();
        for (Map<String, String> run : byJob.getOrDefault(job, List.of())) {
            if (run.containsKey("failed")) {
                failures.add(run.get("failed"));
            }
        }
        return failures;
    }

    int runs(String job) {
        return byJob.getOrDefault(job, List.of()).size();
    }

    /** The text of a figure from the first run that has it, even a failed run, for the versions. */
    String anyText(String figure) {
        return byJob.values().stream().flatMap(List::stream).filter(r -> r.containsKey(figure))
                .map(r -> r.get(figure)).findFirst().orElse("?");
    }

    /** Min, median, max of {@code job}'s {@code figure}; null when no run succeeded. */
    Stats stats(String job, String figure) {
        List<Double> values = values(job, figure);
        return values.isEmpty() ? null : Stats.of(values);
    }

    /** Median of {@code figure} over {@code job}'s runs, or NaN. */
    double median(String job, String figure) {
        Stats s = stats(job, figure);
        return s == null ? Double.NaN : s.median();
    }

    record Stats(double min, double median, double max, int n) {
        static Stats of(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            return new Stats(sorted.get(0), median, sorted.get(n - 1), n);
        }
    }
}
