package com.example.extension;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The application the module's tests run: one listener per broker, recording what arrives. */
@SpringBootApplication
class ExtensionApp {

    static final String TOPIC = "events";
    static final String QUEUE = "inbox";

    @Component
    static class Received {

        private final List<String> values = new CopyOnWriteArrayList<>();

        @KafkaListener(topics = TOPIC, groupId = "${extension.group:extension-app}")
        void onRecord(String value) {
            values.add("kafka:" + value);
        }

        @RabbitListener(queues = QUEUE)
        void onMessage(String value) {
            values.add("amqp:" + value);
        }

        boolean contains(String value) {
            return values.contains(value);
        }
    }
}
