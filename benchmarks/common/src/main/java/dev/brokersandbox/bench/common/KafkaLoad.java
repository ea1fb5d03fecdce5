package dev.brokersandbox.bench.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The Kafka traffic both sides measure the same way, on clients each side creates its own way (ours
 * from the sandbox, the anchor from {@code KafkaTestUtils}' props) and closes itself. Only the
 * {@link Producer} and {@link Consumer} interfaces, which both sides' Kafka clients have.
 */
public final class KafkaLoad {

    /** How long any one wait may take before the run fails. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private KafkaLoad() {
    }

    /** Polls until {@code wanted} records have come, or fails after {@link #WAIT}. */
    public static void pollUntil(Consumer<?, ?> consumer, int wanted) {
        int count = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (count < wanted) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("got " + count + " of " + wanted + " records within " + WAIT);
            }
            count += consumer.poll(Duration.ofMillis(100)).count();
        }
    }

    /**
     * Subscribe-to-first-record on {@code topic} (which holds a record) for {@code 1 + warmGroups}
     * new groups, each a consumer from {@code newConsumer} (timed from after it is created): reports
     * {@code first_group_ms} for the first group, {@code warm_group_median_ms} and
     * {@code warm_group_all_ms} for the rest.
     */
    public static void newGroupLatency(Function<String, ? extends Consumer<?, ?>> newConsumer, String topic,
                                       int warmGroups) {
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i <= warmGroups; i++) {
            try (Consumer<?, ?> consumer = newConsumer.apply(topic + "-" + i)) {
                long t0 = System.nanoTime();
                consumer.subscribe(List.of(topic));
                pollUntil(consumer, 1);
                double ms = Report.ms(System.nanoTime() - t0);
                if (i == 0) {
                    Report.put("first_group_ms", ms);
                } else {
                    warm.add(ms);
                }
            }
        }
        Report.put("warm_group_median_ms", Report.median(warm));
        Report.put("warm_group_all_ms", warm);
    }

    /**
     * Sends {@code records} copies of {@code value} without a key, first {@code send} to
     * {@code flush()} returned: reports {@code produce_msg_s}.
     */
    public static <K> void produce(Producer<K, String> producer, String topic, int records, String value)
            throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < records; i++) {
            producer.send(new ProducerRecord<>(topic, value), (md, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        producer.flush();
        long t1 = System.nanoTime();
        if (failure.get() != null) {
            throw failure.get();
        }
        Report.put("produce_msg_s", records / ((t1 - t0) / 1e9));
    }

    /**
     * Subscribes to {@code topic} and consumes {@code records} records (four times {@link #WAIT} at
     * the most): reports {@code consume_msg_s} (first record to last) and
     * {@code consume_incl_join_msg_s} (subscribe to last).
     */
    public static void consume(Consumer<?, ?> consumer, String topic, int records) {
        long subscribed = System.nanoTime();
        consumer.subscribe(List.of(topic));
        long first = 0;
        int count = 0;
        long deadline = System.nanoTime() + WAIT.toNanos() * 4;
        while (count < records) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("consumed " + count + " of " + records);
            }
            ConsumerRecords<?, ?> batch = consumer.poll(Duration.ofMillis(100));
            if (!batch.isEmpty() && first == 0) {
                first = System.nanoTime();
            }
            count += batch.count();
        }
        long last = System.nanoTime();
        Report.put("consume_msg_s", records / ((last - first) / 1e9));
        Report.put("consume_incl_join_msg_s", records / ((last - subscribed) / 1e9));
    }

    /**
     * What a suite class's Kafka test does: {@code count} records (key {@code key.apply(i)}, value
     * {@code value-i}) sent and each acknowledged, then the consumer subscribes to {@code topic} and
     * polls until it has them all or {@link #WAIT} has passed.
     *
     * @return how many records the consumer received (the caller asserts it is {@code count})
     */
    public static <K> int sendAndReceive(Producer<K, String> producer, Consumer<?, ?> consumer, String topic,
                                         int count, IntFunction<K> key) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(producer.send(new ProducerRecord<>(topic, key.apply(i), "value-" + i)));
        }
        for (Future<RecordMetadata> f : sent) {
            f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        consumer.subscribe(List.of(topic));
        int received = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (received < count && System.nanoTime() < deadline) {
            received += consumer.poll(Duration.ofMillis(100)).count();
        }
        return received;
    }
}
