package dev.brokersandbox.runtime;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

import com.yammer.metrics.core.Metric;
import com.yammer.metrics.core.MetricName;
import com.yammer.metrics.core.MetricsRegistry;
import com.yammer.metrics.core.MetricsRegistryListener;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Kafka keeps per JVM rather than per server, looked after for every embedded cluster of
 * the runtime: the exit procedures, overridden from the first cluster's start on, and the static Yammer
 * metrics registry, which every server in the JVM shares and which Kafka's shutdown does not empty.
 *
 * <p>A gauge left in that registry holds the stopped server it reads (through its log manager
 * or a partition, the whole broker: ~2.8 MB a cycle, measured in docs/reliability.md) and stays an
 * MBean. Kafka 4.4's shutdown leaves {@code LogDirectoryCordoned} (one per log directory, so a new
 * name every cycle) and every partition's gauges (a new name for every topic of a new sandbox). A
 * metric's name does not say which server registered it, and servers of several clusters share the
 * registry, so:
 * <ul>
 *   <li>when a node stops, the metrics it registered go: those registered on a thread of its start
 *       (or a thread such a thread created), and those that name its log directory;</li>
 *   <li>when the last embedded cluster closes, every metric left goes, as Kafka's own test harness
 *       does after its servers stop ({@code QuorumTestHarness.tearDown},
 *       {@code TestUtils.clearYammerMetrics}).</li>
 * </ul>
 * A running server's metric is never removed, unless it shares its name with one a stopped node
 * registered first (Kafka's own shutdown removes shared names too).
 */
final class KafkaJvmState {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaJvmState.class);
    private static final Object LOCK = new Object();

    /** Embedded clusters started and not yet closed; a cluster's metrics appear only after it counts here. */
    private static int clusters;

    /** The log directory of the node starting on this thread: Kafka's threads inherit it from their creator. */
    private static final InheritableThreadLocal<String> NODE = new InheritableThreadLocal<>();
    /** The node (log directory) that registered each metric, where known. */
    private static final Map<MetricName, String> REGISTERED_BY = new ConcurrentHashMap<>();

    static {
        // The registry tells its listeners on the registering thread, and only about new names.
        KafkaYammerMetrics.defaultRegistry().addListener(new MetricsRegistryListener() {
            @Override
            public void onMetricAdded(MetricName name, Metric metric) {
                String node = NODE.get();
                if (node != null) {
                    REGISTERED_BY.put(name, node);
                }
            }

            @Override
            public void onMetricRemoved(MetricName name) {
                REGISTERED_BY.remove(name);
            }
        });
    }

    private KafkaJvmState() {
    }

    /** Before a cluster's first node starts. */
    static void clusterStarting() {
        synchronized (LOCK) {
            clusters++;
            overrideExitProcedures();
        }
    }

    /** After all of a cluster's nodes stopped, once per {@link #clusterStarting()}. */
    static void clusterClosed() {
        synchronized (LOCK) {
            if (--clusters == 0) {
                removeMetrics(name -> true);
            }
        }
    }

    /** Starts the node with this log directory: the metrics its threads register are its own. */
    static void startNode(Path logDir, Runnable start) {
        String previous = NODE.get();
        NODE.set(directory(logDir));
        try {
            start.run();
        } finally {
            if (previous == null) {
                NODE.remove();
            } else {
                NODE.set(previous);
            }
        }
    }

    /** After the node with this log directory stopped (it may start again later). */
    static void nodeStopped(Path logDir) {
        String directory = directory(logDir);
        removeMetrics(name -> directory.equals(REGISTERED_BY.get(name)) || names(name, directory));
    }

    private static String directory(Path logDir) {
        return logDir.toAbsolutePath().toString();
    }

    private static void removeMetrics(Predicate<MetricName> which) {
        MetricsRegistry registry = KafkaYammerMetrics.defaultRegistry();
        List<MetricName> removed = new ArrayList<>();
        for (MetricName name : registry.allMetrics().keySet()) {
            if (which.test(name)) {
                // Kafka's JMX reporter listens to the registry: the MBean goes with the metric.
                registry.removeMetric(name);
                removed.add(name);
            }
        }
        LOG.debug("Removed {} metrics that stopped Kafka servers left: {}", removed.size(), removed);
    }

    /** Whether one of the metric's tags (its MBean key properties) is {@code directory} or a path inside it. */
    private static boolean names(MetricName name, String directory) {
        try {
            for (String value : ObjectName.getInstance(name.getMBeanName()).getKeyPropertyList().values()) {
                // Kafka quotes tag values with characters JMX does not allow bare, such as a path's.
                String unquoted = value.startsWith("\"") ? ObjectName.unquote(value) : value;
                if (unquoted.equals(directory) || unquoted.startsWith(directory + File.separator)) {
                    return true;
                }
            }
            return false;
        } catch (MalformedObjectNameException | IllegalArgumentException e) {
            return false; // not an MBean name Kafka's reporter could have registered either
        }
    }

    /**
     * Kafka's fault handlers call {@code Exit.exit}/{@code Exit.halt} on fatal errors, which would
     * end the test JVM (silently, when no SLF4J provider is bound): a fatal error is logged instead
     * and the node is left for the sandbox to close. Never reset: a thread of a stopped node may
     * still ask after the last cluster closed, and this {@code Exit} is the runtime's own copy, which
     * only the embedded brokers call (an application's Kafka classes have theirs).
     */
    private static void overrideExitProcedures() {
        Exit.setExitProcedure((code, message) -> LOG.error(
                "Embedded Kafka asked to exit the JVM with status {} ({}); the test JVM keeps running", code, message));
        Exit.setHaltProcedure((code, message) -> LOG.error(
                "Embedded Kafka asked to halt the JVM with status {} ({}); the test JVM keeps running", code, message));
    }
}
