package com.example.orders;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Ships orders. A shipment that fails is retried ({@code spring.rabbitmq.listener.simple.retry.*}),
 * then rejected without requeue, which dead-letters it to {@value OrderTopology#DEAD_LETTERS}.
 */
@Component
public class ShipmentListener {

    private final OrderLedger ledger;

    public ShipmentListener(OrderLedger ledger) {
        this.ledger = ledger;
    }

    @RabbitListener(queues = OrderTopology.SHIPMENTS)
    public void onShipment(String text) {
        Order order = Order.parse(text);
        ledger.shipmentAttempted(order);
        if (order.item().equals("unshippable")) {
            throw new IllegalStateException("No carrier takes " + order.item() + " (order " + order.id() + ")");
        }
        ledger.shipped(order);
    }
}
