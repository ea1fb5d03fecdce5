package dev.brokersandbox.bench.springanchor;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The application the Spring suite tests on the anchor's side: Kafka only, as @EmbeddedKafka has no RabbitMQ. */
@SpringBootApplication
public class BenchApp {

    @Component
    public static class Received {

        private final Set<String> values = ConcurrentHashMap.newKeySet();

        @KafkaListener(topics = "orders", groupId = "bench")
        void onRecord(String value) {
            values.add(value);
        }

        public boolean contains(String value) {
            return values.contains(value);
        }
    }
}
