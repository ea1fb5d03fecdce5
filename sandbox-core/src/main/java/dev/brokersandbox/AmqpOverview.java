package dev.brokersandbox;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

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

    /** Builds the overview from the rows an engine reports, sorted by name. */
    static AmqpOverview of(String virtualHost, Map<String, List<Map<String, Object>>> rows) {
        List<QueueInfo> queues = rows.get("queues").stream()
                .map(q -> new QueueInfo((String) q.get("name"), (Boolean) q.get("durable"),
                        ((Number) q.get("messages")).longValue(), ((Number) q.get("consumers")).intValue()))
                .sorted(Comparator.comparing(QueueInfo::name))
                .toList();
        List<ExchangeInfo> exchanges = rows.get("exchanges").stream()
                .map(e -> new ExchangeInfo((String) e.get("name"), (String) e.get("type"), (Boolean) e.get("durable")))
                .sorted(Comparator.comparing(ExchangeInfo::name))
                .toList();
        List<BindingInfo> bindings = rows.get("bindings").stream()
                .map(b -> new BindingInfo((String) b.get("exchange"), (String) b.get("queue"), (String) b.get("routingKey")))
                .sorted(Comparator.comparing(BindingInfo::exchange).thenComparing(BindingInfo::queue)
                        .thenComparing(BindingInfo::routingKey))
                .toList();
        return new AmqpOverview(virtualHost, queues, exchanges, bindings);
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
