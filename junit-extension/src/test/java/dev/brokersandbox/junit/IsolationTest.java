package dev.brokersandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Classes sharing the brokers see nothing of each other, also when JUnit runs them in parallel:
 * each has its own virtual host, and classes that declare the same topic never overlap.
 */
class IsolationTest {

    /** When each fixture class held its sandbox, as [start, end] nanos. */
    static final Map<String, long[]> INTERVALS = new ConcurrentHashMap<>();
    static final Map<String, LifecycleTest.Seen> INFOS = new ConcurrentHashMap<>();
    static final CountDownLatch SAME_TOPIC_CLASS_RUNNING = new CountDownLatch(1);
    static final CountDownLatch OTHER_TOPIC_CLASS_RUNNING = new CountDownLatch(1);

    @Test
    void parallelClassesSeeOnlyTheirOwnQueuesAndTopics() {
        EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "same_thread")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                .selectors(selectClass(SameTopicA.class), selectClass(SameTopicB.class), selectClass(OtherTopic.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.started(3).succeeded(3));

        assertThat(INFOS.values()).extracting(LifecycleTest.Seen::amqpVirtualHost).doesNotHaveDuplicates().hasSize(3);
        assertThat(INFOS.values()).extracting(LifecycleTest.Seen::kafkaBootstrapServers).containsOnly(
                INFOS.get("SameTopicA").kafkaBootstrapServers());
        long[] a = INTERVALS.get("SameTopicA");
        long[] b = INTERVALS.get("SameTopicB");
        assertThat(a[1] < b[0] || b[1] < a[0])
                .as("classes declaring the same topic ran one after the other").isTrue();
    }

    /** The read lock every {@code @BrokerSandbox} class takes (it completes the annotation on JUnit 5.10) excludes nothing. */
    @Test
    void theMethodsOfAClassWithoutTopicsStillRunConcurrently() {
        ConcurrentMethods.BOTH_RUNNING.reset();

        EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                .selectors(selectClass(ConcurrentMethods.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.started(2).succeeded(2));
    }

    static void publishAndExpectOnlyOwn(String me, Producer<String, String> producer, Consumer<String, String> consumer,
                                        Channel channel, String topic) throws Exception {
        channel.basicPublish("", "hello", null, me.getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(topic, me, me)).get();

        List<String> messages = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (messages.isEmpty() && System.nanoTime() < deadline) {
            GetResponse response = channel.basicGet("hello", true);
            if (response != null) {
                messages.add(new String(response.getBody(), StandardCharsets.UTF_8));
            }
        }
        GetResponse more = channel.basicGet("hello", true);
        assertThat(more).as("a second message in %s's queue", me).isNull();
        assertThat(messages).containsExactly(me);

        consumer.subscribe(List.of(topic));
        List<String> records = new ArrayList<>();
        while (records.isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> records.add(r.value()));
        }
        // One more poll: anything another class wrote to this topic would have arrived with ours.
        consumer.poll(Duration.ofMillis(300)).forEach((ConsumerRecord<String, String> r) -> records.add(r.value()));
        assertThat(records).containsExactly(me);
    }

    /** Each test waits for the other: both pass only when JUnit runs them at the same time. */
    @BrokerSandbox
    static class ConcurrentMethods {
        static final CyclicBarrier BOTH_RUNNING = new CyclicBarrier(2);

        @Test
        void one() throws Exception {
            BOTH_RUNNING.await(10, TimeUnit.SECONDS);
        }

        @Test
        void two() throws Exception {
            BOTH_RUNNING.await(10, TimeUnit.SECONDS);
        }
    }

    abstract static class Fixture {
        @BeforeAll
        static void begin(SandboxInfo info, org.junit.jupiter.api.TestInfo test) {
            String name = test.getTestClass().orElseThrow().getSimpleName();
            INFOS.put(name, LifecycleTest.Seen.of(info));
            INTERVALS.put(name, new long[] {System.nanoTime(), Long.MAX_VALUE});
        }

        @AfterAll
        static void end(org.junit.jupiter.api.TestInfo test) {
            INTERVALS.get(test.getTestClass().orElseThrow().getSimpleName())[1] = System.nanoTime();
        }
    }

    @BrokerSandbox(topics = @Topic("isolation-shared"), queues = @Queue("hello"))
    static class SameTopicA extends Fixture {
        @Test
        void ownMessagesOnly(Producer<String, String> producer, Consumer<String, String> consumer, Channel channel)
                throws Exception {
            SAME_TOPIC_CLASS_RUNNING.countDown();
            assertThat(OTHER_TOPIC_CLASS_RUNNING.await(30, TimeUnit.SECONDS)).as("OtherTopic started meanwhile").isTrue();
            publishAndExpectOnlyOwn("SameTopicA", producer, consumer, channel, "isolation-shared");
        }
    }

    @BrokerSandbox(topics = @Topic("isolation-shared"), queues = @Queue("hello"))
    static class SameTopicB extends Fixture {
        @Test
        void ownMessagesOnly(Producer<String, String> producer, Consumer<String, String> consumer, Channel channel)
                throws Exception {
            SAME_TOPIC_CLASS_RUNNING.countDown();
            assertThat(OTHER_TOPIC_CLASS_RUNNING.await(30, TimeUnit.SECONDS)).as("OtherTopic started meanwhile").isTrue();
            publishAndExpectOnlyOwn("SameTopicB", producer, consumer, channel, "isolation-shared");
        }
    }

    /** Runs at the same time as SameTopicA or SameTopicB, with a queue of the same name. */
    @BrokerSandbox(topics = @Topic("isolation-other"), queues = @Queue("hello"))
    static class OtherTopic extends Fixture {
        @Test
        void ownMessagesOnly(Producer<String, String> producer, Consumer<String, String> consumer, Channel channel)
                throws Exception {
            OTHER_TOPIC_CLASS_RUNNING.countDown();
            assertThat(SAME_TOPIC_CLASS_RUNNING.await(30, TimeUnit.SECONDS)).as("a same-topic class started meanwhile").isTrue();
            publishAndExpectOnlyOwn("OtherTopic", producer, consumer, channel, "isolation-other");
        }
    }
}
