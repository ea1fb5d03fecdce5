package dev.brokersandbox.bench.common;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * How a benchmark JVM hands its figures to the runner: one {@code BENCH key=value} line each on
 * stdout (the runner ignores every other line). Shared by both sides: the Kafka classes it touches
 * are whichever Kafka clients that side has on its classpath.
 */
public final class Report {

    private Report() {
    }

    public static void put(String key, Object value) {
        System.out.println("BENCH " + key + "=" + value);
        System.out.flush();
    }

    /**
     * In a profiled run ({@code -Dbench.haltAtReady=true}), ends the JVM as soon as it is ready, so
     * that the profile holds the start-up and nothing of the brokers' stop. {@code halt} still lets
     * the profiler's agent write its output.
     */
    public static void haltIfProfiling() {
        if (Boolean.getBoolean("bench.haltAtReady")) {
            put("done", 1);
            Runtime.getRuntime().halt(0);
        }
    }

    /** Milliseconds since this JVM started, by the JVM's own start time. */
    public static long sinceJvmStartMs() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** CPU time this JVM's threads have used so far (all cores together), in ms. */
    public static long cpuMs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    public static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** The version of the Kafka clients on the classpath, from the properties file they carry. */
    public static String kafkaVersion() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = org.apache.kafka.clients.producer.KafkaProducer.class
                .getResourceAsStream("/kafka/kafka-version.properties")) {
            p.load(in);
        } catch (java.io.IOException | NullPointerException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    /** Reports {@code keys} of a client configuration as the client will use them: set, or the client's default. */
    public static void clientConfig(String prefix, Map<String, Object> config,
                                    org.apache.kafka.common.config.ConfigDef def, String... keys) {
        for (String key : keys) {
            Object value = config.containsKey(key) ? config.get(key) : def.defaultValues().get(key);
            put(prefix + key.replace('.', '_'), value);
        }
    }

    /** Heap in use after two full collections, in MB. */
    public static double heapAfterGcMb() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    /** The median of {@code values}, or -1 if there are none. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
