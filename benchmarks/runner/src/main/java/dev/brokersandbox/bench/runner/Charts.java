package dev.brokersandbox.bench.runner;

import static dev.brokersandbox.bench.runner.Report.ANCHOR_COLD;
import static dev.brokersandbox.bench.runner.Report.ANCHOR_GLOBAL;
import static dev.brokersandbox.bench.runner.Report.ANCHOR_LATENCY;
import static dev.brokersandbox.bench.runner.Report.ANCHOR_PERTEST;
import static dev.brokersandbox.bench.runner.Report.ANCHOR_SUITE;
import static dev.brokersandbox.bench.runner.Report.ANCHOR_THROUGHPUT;
import static dev.brokersandbox.bench.runner.Report.OURS_COLD;
import static dev.brokersandbox.bench.runner.Report.OURS_COLD_AMQP;
import static dev.brokersandbox.bench.runner.Report.OURS_COLD_KAFKA;
import static dev.brokersandbox.bench.runner.Report.OURS_LATENCY;
import static dev.brokersandbox.bench.runner.Report.OURS_PERTEST;
import static dev.brokersandbox.bench.runner.Report.OURS_SUITE;
import static dev.brokersandbox.bench.runner.Report.OURS_THROUGHPUT;
import static dev.brokersandbox.bench.runner.Report.PER_TEST;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** docs/benchmarks.png: six XChart bar charts of the medians, ours next to the anchor. */
final class Charts {

    private static final Color OURS_COLOR = new Color(0x2E7D32);
    private static final Color ANCHOR_COLOR = new Color(0x9E9E9E);
    private static final Color TARGET_COLOR = new Color(0xE65100);

    private Charts() {
    }

    static void write(Results r, Path png) throws IOException {
        List<CategoryChart> charts = new ArrayList<>();

        CategoryChart times = chart("Latencies, median ms (log scale; lower is better)", "ms");
        times.getStyler().setYAxisLogarithmic(true);
        times.getStyler().setYAxisMin(1.0); // bars of a logarithmic axis must start above 0
        List<String> timeNames = List.of("first group ever", "new group, warm", "per test");
        times.addSeries("ours", timeNames, nzList(
                r.median(OURS_LATENCY, "first_group_ms"), r.median(OURS_LATENCY, "warm_group_median_ms"),
                r.median(OURS_PERTEST, PER_TEST))).setFillColor(OURS_COLOR);
        times.addSeries("anchor", timeNames, nzList(
                r.median(ANCHOR_LATENCY, "first_group_ms"), r.median(ANCHOR_LATENCY, "warm_group_median_ms"),
                r.median(ANCHOR_PERTEST, PER_TEST))).setFillColor(ANCHOR_COLOR);
        charts.add(times);

        CategoryChart cold = chart("Cold start, JVM start → round trip done, median ms", "ms");
        cold.getStyler().setStacked(true);
        cold.getStyler().setShowStackSum(true);
        List<String> coldJobs = List.of(OURS_COLD, OURS_COLD_KAFKA, OURS_COLD_AMQP, ANCHOR_COLD);
        List<String> sides = List.of("ours", "ours, Kafka only", "ours, Qpid only", "anchor (Kafka)");
        cold.addSeries("JVM start → main", sides, nzList(coldJobs.stream()
                .map(j -> r.median(j, "main_ms")).toArray(Double[]::new))).setFillColor(new Color(0xBDBDBD));
        cold.addSeries("brokers start", sides, nzList(coldJobs.stream()
                .map(j -> r.median(j, "started_ms") - r.median(j, "main_ms")).toArray(Double[]::new)))
                .setFillColor(new Color(0x1565C0));
        cold.addSeries("first round trip(s)", sides, nzList(coldJobs.stream()
                .map(j -> r.median(j, "ready_ms") - r.median(j, "started_ms")).toArray(Double[]::new)))
                .setFillColor(new Color(0x90CAF9));
        charts.add(cold);

        CategoryChart ratios = chart("Median ratio ours / anchor vs target (lower is better)", "ratio");
        List<String> ratioNames = List.of("cold start", "suite vs per class", "suite vs global");
        ratios.addSeries("ours / anchor", ratioNames, nzList(
                r.median(OURS_COLD, "ready_ms") / r.median(ANCHOR_COLD, "ready_ms"),
                r.median(OURS_SUITE, "run_ms") / r.median(ANCHOR_SUITE, "run_ms"),
                r.median(OURS_SUITE, "run_ms") / r.median(ANCHOR_GLOBAL, "run_ms"))).setFillColor(OURS_COLOR);
        ratios.addSeries("target (at most)", ratioNames, List.of(1.0, 0.25, 0.6)).setFillColor(TARGET_COLOR);
        ratios.getStyler().setYAxisMin(0.0);
        charts.add(ratios);

        CategoryChart suite = chart("20-class suite, JVM start → done, median s", "s");
        List<String> anchors = List.of("vs @EmbeddedKafka per class", "vs global broker");
        double oursSuite = r.median(OURS_SUITE, "run_ms") / 1000;
        suite.addSeries("ours", anchors, nzList(oursSuite, oursSuite)).setFillColor(OURS_COLOR);
        suite.addSeries("anchor", anchors, nzList(
                r.median(ANCHOR_SUITE, "run_ms") / 1000, r.median(ANCHOR_GLOBAL, "run_ms") / 1000))
                .setFillColor(ANCHOR_COLOR);
        suite.getStyler().setYAxisMin(0.0);
        charts.add(suite);

        CategoryChart throughput = chart("Kafka 200,000 × 100 B, acks=all, median msg/s (higher is better)", "msg/s");
        List<String> directions = List.of("produce", "consume");
        throughput.addSeries("ours", directions, nzList(
                r.median(OURS_THROUGHPUT, "produce_msg_s"), r.median(OURS_THROUGHPUT, "consume_msg_s")))
                .setFillColor(OURS_COLOR);
        throughput.addSeries("anchor", directions, nzList(
                r.median(ANCHOR_THROUGHPUT, "produce_msg_s"), r.median(ANCHOR_THROUGHPUT, "consume_msg_s")))
                .setFillColor(ANCHOR_COLOR);
        throughput.getStyler().setYAxisMin(0.0);
        throughput.getStyler().setYAxisDecimalPattern("#,###");
        charts.add(throughput);

        CategoryChart heap = chart("Heap used after start (after GC), median MB", "MB");
        List<String> heapName = List.of("ours: Kafka + Qpid; anchor: Kafka");
        heap.addSeries("ours", heapName, nzList(r.median(OURS_LATENCY, "heap_mb"))).setFillColor(OURS_COLOR);
        heap.addSeries("anchor", heapName, nzList(r.median(ANCHOR_LATENCY, "heap_mb"))).setFillColor(ANCHOR_COLOR);
        heap.getStyler().setYAxisMin(0.0);
        charts.add(heap);

        BitmapEncoder.saveBitmap(charts, 2, 3, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** XChart cannot draw NaN (a measure that was not run): draw it as 0. */
    private static List<Double> nzList(Double... values) {
        List<Double> list = new ArrayList<>();
        for (Double v : values) {
            list.add(v == null || v.isNaN() || v.isInfinite() ? 0.0 : rounded(v));
        }
        return list;
    }

    /** Bar labels print the value as given: 3 significant-ish figures. */
    private static double rounded(double v) {
        double scale = Math.abs(v) >= 100 ? 1 : Math.abs(v) >= 10 ? 10 : 100;
        return Math.round(v * scale) / scale;
    }

    private static CategoryChart chart(String title, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(620).height(420).title(title).yAxisTitle(yTitle).build();
        org.knowm.xchart.style.CategoryStyler styler = chart.getStyler();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setDecimalPattern("#,##0.#");
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        chart.getStyler().setAvailableSpaceFill(0.7);
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridVerticalLinesVisible(false);
        return chart;
    }
}
