package com.example.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small order-processing application, the Spring Boot sample: orders are placed on Kafka in a
 * transaction ({@link OrderService}), a {@code @KafkaListener} takes them and asks for shipment
 * over RabbitMQ ({@link OrderProcessor}), and a {@code @RabbitListener} ships them, retrying a
 * failing shipment and dead-lettering it after the last attempt ({@link ShipmentListener}).
 */
@SpringBootApplication
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }
}
