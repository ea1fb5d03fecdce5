package dev.brokersandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;

/**
 * Waiting for AMQP messages, read as an assertion:
 *
 * <pre>{@code
 * List<Delivery> messages = AmqpAwait.messages(channel, "hello", 1, Duration.ofSeconds(5));
 * }</pre>
 */
public final class AmqpAwait {

    private AmqpAwait() {
    }

    /**
     * Consumes {@code count} messages from {@code queue} on {@code channel}, acknowledges them and
     * returns them in delivery order. The consumer is cancelled before returning, so later
     * messages stay in the queue. While waiting, the channel's prefetch is {@code count}; afterwards
     * it is unlimited again.
     *
     * @throws AssertionError when fewer arrived within {@code timeout}, saying how many were expected,
     *     what arrived and from which queue; those that arrived are acknowledged all the same
     */
    public static List<Delivery> messages(Channel channel, String queue, int count, Duration timeout)
            throws IOException, InterruptedException {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        LinkedBlockingQueue<Delivery> inbox = new LinkedBlockingQueue<>();
        // A prefetch of count keeps the broker from handing this consumer more than it will return.
        channel.basicQos(count);
        String tag = channel.basicConsume(queue, false, (consumerTag, delivery) -> inbox.add(delivery), consumerTag -> { });
        List<Delivery> arrived = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (arrived.size() < count) {
                Delivery next = inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new AssertionError("Expected " + count + " messages from queue \"" + queue + "\" within "
                            + timeout.toMillis() + " ms, but " + arrived.size() + " arrived: " + describe(arrived));
                }
                arrived.add(next);
            }
            return arrived;
        } finally {
            channel.basicCancel(tag);
            for (Delivery d : arrived) {
                channel.basicAck(d.getEnvelope().getDeliveryTag(), false);
            }
            // Delivered after the last one we took but before the cancel: back to the queue.
            for (Delivery extra : inbox) {
                channel.basicNack(extra.getEnvelope().getDeliveryTag(), false, true);
            }
            channel.basicQos(0);
        }
    }

    private static String describe(List<Delivery> deliveries) {
        return deliveries.stream()
                .map(d -> "\"" + new String(d.getBody(), StandardCharsets.UTF_8) + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
