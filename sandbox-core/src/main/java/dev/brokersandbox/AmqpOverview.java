package dev.brokersandbox;

import java.util.List;

/**
 * What one AMQP virtual host holds at a moment: its queues with their message and consumer
 * counts, its exchanges and its bindings, as RabbitMQ's management UI lists them. From
 * {@link AmqpBroker#overview(String)}; sorted by name.
 */
public record AmqpOverview(String virtualHost, List<QueueInfo> queues, List<ExchangeInfo> exchanges,
                           List<BindingInfo> bindings) {

    public AmqpOverview {
        queues = List.copyOf(queues);
        exchanges = List.copyOf(exchanges);
        bindings = List.copyOf(bindings);
    }

    /** A queue: {@code messages} counts those ready and those delivered but not yet acknowledged. */
    public record QueueInfo(String name, boolean durable, long messages, int consumers) {
    }

    /** An exchange; {@code type} is {@code direct}, {@code fanout}, {@code topic} or {@code headers}. */
    public record ExchangeInfo(String name, String type, boolean durable) {
    }

    /** A binding from an exchange to a queue. */
    public record BindingInfo(String exchange, String queue, String routingKey) {
    }
}
