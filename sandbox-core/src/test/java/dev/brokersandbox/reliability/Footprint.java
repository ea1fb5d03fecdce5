package dev.brokersandbox.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * What this JVM holds at one moment, measured the way a leak shows: live threads, open file
 * descriptors, heap in use after full collections, classes loaded, registered MBeans and the
 * entries of the temp directory.
 */
record Footprint(int threads, long fileDescriptors, long heapAfterGc, long classes, Set<String> mbeans,
                 Set<String> tempEntries) {

    /** Linux lists a process's open descriptors here; elsewhere they are not counted (-1). */
    private static final Path OPEN_FILES = Path.of("/proc/self/fd");

    static Footprint now() {
        return new Footprint(ManagementFactory.getThreadMXBean().getThreadCount(), countFileDescriptors(),
                collectAndMeasureHeap(), ManagementFactory.getClassLoadingMXBean().getLoadedClassCount(),
                registeredMBeans(), listTemp());
    }

    static Path temp() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * One collection can leave garbage that only a reference queue or cleaner frees for the next
     * one: collect until the figure stops falling, at most five times.
     */
    private static long collectAndMeasureHeap() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }

    private static long countFileDescriptors() {
        if (!Files.isDirectory(OPEN_FILES)) {
            return -1;
        }
        try (Stream<Path> open = Files.list(OPEN_FILES)) {
            return open.count();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + OPEN_FILES, e);
        }
    }

    private static Set<String> registeredMBeans() {
        return ManagementFactory.getPlatformMBeanServer().queryNames(null, null).stream()
                .map(ObjectName::getCanonicalName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> listTemp() {
        try (Stream<Path> entries = Files.list(temp())) {
            return entries.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the temp directory " + temp(), e);
        }
    }

    /**
     * How many objects of each of {@code classNames} the heap holds after a full collection, by
     * the JVM's class histogram (the diagnostic command {@code GC.class_histogram}, as jcmd runs
     * it): a stopped broker held by a static shows here whichever class loader loaded it.
     */
    static Map<String, Long> liveInstances(Collection<String> classNames) {
        String histogram;
        try {
            histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("This JVM did not give its class histogram: " + e, e);
        }
        Map<String, Long> counts = new TreeMap<>();
        classNames.forEach(name -> counts.put(name, 0L));
        // "   12:   30   3600  kafka.server.BrokerServer": one line per class and class loader.
        for (String line : histogram.split("\\R")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 4 && counts.containsKey(columns[3])) {
                counts.merge(columns[3], Long.parseLong(columns[1]), Long::sum);
            }
        }
        return counts;
    }

    /** Those of {@code mbeans} that name one of {@code directories} or a path inside one. */
    Set<String> mbeansNaming(Set<Path> directories) {
        return mbeans.stream().filter(name -> directories.stream().anyMatch(d -> name.contains(d.toString())))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** MBeans of Kafka's servers and clients (its Yammer and client metrics live in {@code kafka.*} domains). */
    Set<String> kafkaMetricMBeans() {
        return mbeans.stream().filter(name -> name.startsWith("kafka."))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** MBeans here that were not in {@code earlier}. */
    Set<String> mbeansSince(Footprint earlier) {
        return difference(mbeans, earlier.mbeans);
    }

    /** MBeans here that are no longer in {@code later}. */
    Set<String> mbeansGoneBy(Footprint later) {
        return difference(mbeans, later.mbeans);
    }

    /** Temp entries here that were not in {@code earlier}. */
    Set<String> tempEntriesSince(Footprint earlier) {
        return difference(tempEntries, earlier.tempEntries);
    }

    private static Set<String> difference(Set<String> these, Set<String> butNotThose) {
        Set<String> difference = new TreeSet<>(these);
        difference.removeAll(butNotThose);
        return difference;
    }

    /** One line of the report. */
    String summary() {
        return String.format("threads %3d, fds %3d, heap after GC %6.1f MB, classes %6d, MBeans %4d, temp entries %d",
                threads, fileDescriptors, heapAfterGc / 1024.0 / 1024.0, classes, mbeans.size(), tempEntries.size());
    }
}
