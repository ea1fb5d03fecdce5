package dev.brokersandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * On a JUnit without {@code ResourceLocksProvider} (before 5.12), a parallel run whose classes
 * declare topics says once what it loses and how to get it back; a JUnit with it says nothing.
 */
class TopicLockSupportTest {

    private static final Pattern WARNING = Pattern.compile("JUnit Jupiter \\S+ has no ResourceLocksProvider, so its "
            + "parallel scheduler may start test classes \\(or methods\\) that declare the same Kafka topic together: "
            + "the later one then waits for the topic in the sandbox, holding a worker thread\\. Isolation holds, "
            + "parallelism suffers\\. Use JUnit 5\\.12 or later to have JUnit schedule them apart\\.");

    /** Read from the running JUnit's API itself, not from the code under test. */
    private static final boolean JUNIT_SCHEDULES_TOPICS =
            Arrays.stream(ResourceLock.class.getMethods()).anyMatch(m -> m.getName().equals("providers"));

    @Test
    void aParallelRunWarnsOnceWhereJUnitCannotScheduleByTopic() {
        String log = logOf(true);

        assertThat(count(log)).as("warnings in the run's log").isEqualTo(JUNIT_SCHEDULES_TOPICS ? 0 : 1);
    }

    @Test
    void aRunWithoutParallelExecutionNeverWarns() {
        assertThat(count(logOf(false))).isZero();
    }

    private static String logOf(boolean parallel) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        // slf4j-simple writes to whatever System.err is at each call.
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EngineTestKit.engine("junit-jupiter")
                    .configurationParameter("junit.jupiter.execution.parallel.enabled", String.valueOf(parallel))
                    .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                    .selectors(selectClass(ClassTopic.class), selectClass(OtherClassTopic.class),
                            selectClass(MethodTopic.class))
                    .execute()
                    .testEvents()
                    .assertStatistics(stats -> stats.succeeded(3));
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        System.err.print(log);
        return log;
    }

    private static int count(String log) {
        int count = 0;
        for (Matcher m = WARNING.matcher(log); m.find(); ) {
            count++;
        }
        return count;
    }

    @BrokerSandbox(topics = @Topic("lock-support-class"))
    static class ClassTopic {
        @Test
        void produce(Producer<String, String> producer) throws Exception {
            producer.send(new ProducerRecord<>("lock-support-class", "v")).get();
        }
    }

    @BrokerSandbox(topics = @Topic("lock-support-other"))
    static class OtherClassTopic {
        @Test
        void produce(Producer<String, String> producer) throws Exception {
            producer.send(new ProducerRecord<>("lock-support-other", "v")).get();
        }
    }

    @BrokerSandbox
    static class MethodTopic {
        @Test
        @Topic("lock-support-method")
        void produce(Producer<String, String> producer) throws Exception {
            producer.send(new ProducerRecord<>("lock-support-method", "v")).get();
        }
    }
}
