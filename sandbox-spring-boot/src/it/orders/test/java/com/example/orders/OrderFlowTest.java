package com.example.orders;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import dev.brokersandbox.AmqpAwait;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Topic;
import dev.brokersandbox.spring.ListenerAwait;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application against the sandbox's Kafka and RabbitMQ: {@code @BrokerSandbox} is the only
 * line about brokers. The application's own configuration (connection details, the virtual host)
 * points at the sandbox; a fresh {@code orders} topic lives as long as this application context.
 */
@SpringBootTest
@BrokerSandbox(topics = @Topic(name = "orders", partitions = 3))
class OrderFlowTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Autowired
    OrderService orders;

    @Autowired
    OrderLedger ledger;

    @Test
    void placedOrderIsTakenFromKafkaAndShippedOverRabbitMq() {
        orders.place(new Order("o-1", "book", 2));

        ListenerAwait.until("order o-1 to be shipped", TIMEOUT, () -> ledger.wasShipped("o-1"));
        assertThat(ledger.shipmentAttempts("o-1")).isEqualTo(1);
    }

    // The injected Channel is on the application's virtual host: it reads the application's dead letters.
    @Test
    void failingShipmentIsTriedThreeTimesThenDeadLettered(Channel channel) throws Exception {
        orders.place(new Order("o-2", "unshippable", 1));

        List<Delivery> dead = AmqpAwait.messages(channel, OrderTopology.DEAD_LETTERS, 1, TIMEOUT);
        assertThat(new String(dead.get(0).getBody(), UTF_8)).isEqualTo("o-2,unshippable,1");
        assertThat(ledger.shipmentAttempts("o-2")).isEqualTo(3);
        assertThat(ledger.wasShipped("o-2")).isFalse();
    }
}
