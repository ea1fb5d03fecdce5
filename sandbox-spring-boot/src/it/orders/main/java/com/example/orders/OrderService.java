package com.example.orders;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/**
 * Places orders on Kafka. The producer is transactional ({@code spring.kafka.producer.transaction-id-prefix}):
 * a batch is all or nothing, and the read-committed listener never sees an aborted one.
 */
@Service
public class OrderService {

    private final KafkaTemplate<String, String> kafka;
    private final String topic;

    public OrderService(KafkaTemplate<String, String> kafka, @Value("${orders.topic}") String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    public void place(Order order) {
        placeAll(List.of(order));
    }

    /** Sends every line in one transaction; a line that is not a valid order aborts the whole batch. */
    public void placeAllLines(List<String> lines) {
        kafka.executeInTransaction(operations -> {
            for (String line : lines) {
                Order order = Order.parse(line);
                operations.send(topic, order.id(), order.toText());
            }
            return null;
        });
    }

    public void placeAll(List<Order> orders) {
        placeAllLines(orders.stream().map(Order::toText).toList());
    }
}
