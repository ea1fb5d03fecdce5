package dev.brokersandbox.bench.runner;

import static dev.brokersandbox.bench.runner.Runner.ANCHOR;
import static dev.brokersandbox.bench.runner.Runner.OURS;

import java.util.List;
import java.util.Locale;

/** The report's CPU profile section: where each side's CPU went from JVM start until ready. */
final class ProfileTable {

    private static final List<String> JOBS = List.of(OURS + ":cold+profile", OURS + ":cold+flags+profile",
            ANCHOR + ":cold+profile");

    private ProfileTable() {
    }

    static String markdown(Results results) {
        StringBuilder md = new StringBuilder();
        md.append("One profiled cold start per column ([async-profiler](https://github.com/async-profiler/async-profiler) "
                + "as an agent, CPU samples of every thread each millisecond, from JVM start until ready; the JVM ends "
                + "there, so the brokers' stop is not in it). A sample counts in the first category its stack matches, "
                + "in this order. Milliseconds of CPU, and the share of the column.\n\n");
        md.append("| Where | Ours (default flags) | Ours (recommended flags) | Anchor (default flags) |\n|---|---|---|---|\n");
        for (Profiler.Category category : Profiler.CATEGORIES) {
            md.append("| ").append(category.label());
            for (String job : JOBS) {
                md.append(" | ").append(cell(results, job, category.figure()));
            }
            md.append(" |\n");
        }
        md.append("| **All CPU samples**");
        for (String job : JOBS) {
            double total = results.median(job, "profile_total");
            md.append(" | **").append(Double.isNaN(total) ? "not measured" : Report.format(total) + " ms").append("**");
        }
        md.append(" |\n\n");
        md.append("The JIT compilers and class loading grow with the amount of code a JVM runs, not with what the "
                + "brokers do: two brokers and two copies of kafka-clients (the brokers' and the test's) are about "
                + "twice the code of the anchor's one broker. Within the default flags nothing of ours can turn the "
                + "C2 compiler off or bring classes in pre-parsed and pre-verified; a class data sharing archive and "
                + "C1 only can, which is what the recommended flags do.\n");
        return md.toString();
    }

    private static String cell(Results results, String job, String figure) {
        double value = results.median(job, figure);
        double total = results.median(job, "profile_total");
        if (Double.isNaN(value) || Double.isNaN(total) || total == 0) {
            return "not measured";
        }
        return String.format(Locale.ROOT, "%s ms (%.0f%%)", Report.format(value), 100 * value / total);
    }
}
