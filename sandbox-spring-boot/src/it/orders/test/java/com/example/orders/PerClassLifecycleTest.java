package com.example.orders;

import java.time.Duration;

import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Topic;
import dev.brokersandbox.spring.ListenerAwait;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * One test instance for the class: Spring builds the application context before any
 * {@code @BeforeAll} runs, and it is already wired to the sandbox (no static field to fill first).
 */
@SpringBootTest
@BrokerSandbox(topics = @Topic(name = "orders", partitions = 3))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerClassLifecycleTest {

    @Autowired
    OrderService orders;

    @Autowired
    OrderLedger ledger;

    @BeforeAll
    void placeAnOrder() {
        orders.place(new Order("p-1", "lamp", 1));
    }

    @Test
    void orderPlacedInBeforeAllIsShipped() {
        ListenerAwait.until("order p-1 to be shipped", Duration.ofSeconds(20), () -> ledger.wasShipped("p-1"));
    }
}
