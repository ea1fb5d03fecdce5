package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.DeliverCallback;
import com.rabbitmq.client.Delivery;

/**
 * Bounded waits for the AMQP samples that consume with a callback: they return what arrived in time,
 * or fail saying what was expected. (For Kafka records, see {@link dev.brokersandbox.KafkaAwait}.)
 */
final class Await {

    private Await() {
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
