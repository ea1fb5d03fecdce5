package com.example.orders;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** What happened to each order, in memory: the application's state, and what tests look at. */
@Component
public class OrderLedger {

    private final Set<String> received = ConcurrentHashMap.newKeySet();
    private final Set<String> shipped = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> shipmentAttempts = new ConcurrentHashMap<>();

    void received(Order order) {
        received.add(order.id());
    }

    void shipmentAttempted(Order order) {
        shipmentAttempts.merge(order.id(), 1, Integer::sum);
    }

    void shipped(Order order) {
        shipped.add(order.id());
    }

    public boolean wasReceived(String orderId) {
        return received.contains(orderId);
    }

    public boolean wasShipped(String orderId) {
        return shipped.contains(orderId);
    }

    public int shipmentAttempts(String orderId) {
        return shipmentAttempts.getOrDefault(orderId, 0);
    }
}
