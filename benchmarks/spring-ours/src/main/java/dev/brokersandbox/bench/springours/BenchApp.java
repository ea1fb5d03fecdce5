package dev.brokersandbox.bench.springours;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The application the Spring suite tests on our side: a listener per broker, recording what arrives. */
@SpringBootApplication
public class BenchApp {

    @Component
    public static class Received {

        private final Set<String> values = ConcurrentHashMap.newKeySet();

        @KafkaListener(topics = "orders", groupId = "bench")
        void onRecord(String value) {
            values.add(value);
        }

        @RabbitListener(queues = "orders")
        void onMessage(String value) {
            values.add(value);
        }

        public boolean contains(String value) {
            return values.contains(value);
        }
    }
}
