package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.DeliverCallback;
import com.rabbitmq.client.Delivery;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** Bounded waits for the samples: they return what arrived in time, or fail saying what was expected. */
final class Await {

    private Await() {
    }

    /**
     * Polls {@code consumer} until at least {@code n} records arrived, and returns all it got
     * (possibly more than {@code n}, in the order polled); fails at the deadline.
     */
    static List<ConsumerRecord<String, String>> kafkaRecords(Consumer<String, String> consumer, int n, Duration within) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (received.size() < n) {
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (leftMillis <= 0) {
                fail("expected %d records from topics %s within %d s, got %d: %s",
                        n, topics(consumer), within.toSeconds(), received.size(), describe(received));
            }
            consumer.poll(Duration.ofMillis(Math.min(leftMillis, 200))).forEach(received::add);
        }
        return received;
    }

    private static Set<String> topics(Consumer<String, String> consumer) {
        Set<String> topics = new TreeSet<>(consumer.subscription());
        consumer.assignment().stream().map(TopicPartition::topic).forEach(topics::add);
        return topics;
    }

    private static List<String> describe(List<ConsumerRecord<String, String>> records) {
        return records.stream()
                .map(r -> r.key() + "=" + r.value() + " @" + r.topic() + "-" + r.partition() + ":" + r.offset())
                .toList();
    }

    /** A {@link DeliverCallback} that hands each delivery to the test thread, which waits for it with a bound. */
    static final class Inbox implements DeliverCallback {

        private final String queue;
        private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

        Inbox(String queue) {
            this.queue = queue;
        }

        @Override
        public void handle(String consumerTag, Delivery delivery) {
            deliveries.add(delivery);
        }

        /** The next delivery; fails if none arrives within {@code within}. */
        Delivery next(Duration within) throws InterruptedException {
            Delivery delivery = deliveries.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (delivery == null) {
                fail("expected a message from queue \"%s\" within %d s, got none", queue, within.toSeconds());
            }
            return delivery;
        }
    }

    static String text(Delivery delivery) {
        return new String(delivery.getBody(), StandardCharsets.UTF_8);
    }
}
