package com.example.orders;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Takes placed orders from Kafka and asks for their shipment over RabbitMQ. */
@Component
public class OrderProcessor {

    private final OrderLedger ledger;
    private final RabbitTemplate rabbit;

    public OrderProcessor(OrderLedger ledger, RabbitTemplate rabbit) {
        this.ledger = ledger;
        this.rabbit = rabbit;
    }

    @KafkaListener(topics = "${orders.topic}", groupId = "order-processing")
    public void onOrder(String text) {
        Order order = Order.parse(text);
        ledger.received(order);
        rabbit.convertAndSend("", OrderTopology.SHIPMENTS, order.toText());
    }
}
