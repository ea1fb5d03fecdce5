package com.example.orders;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topic ({@code orders.topic}) and queues the application declares at start-up, as it would against a real cluster. */
@Configuration
public class OrderTopology {

    public static final String SHIPMENTS = "shipments";
    public static final String DEAD_LETTER_EXCHANGE = "shipments.dlx";
    public static final String DEAD_LETTERS = "shipments.dlq";

    @Bean
    NewTopic ordersTopic(@Value("${orders.topic}") String topic) {
        return TopicBuilder.name(topic).partitions(3).replicas(1).build();
    }

    @Bean
    DirectExchange deadLetterExchange() {
        return new DirectExchange(DEAD_LETTER_EXCHANGE);
    }

    @Bean
    Queue shipments() {
        return QueueBuilder.durable(SHIPMENTS).deadLetterExchange(DEAD_LETTER_EXCHANGE).deadLetterRoutingKey(SHIPMENTS).build();
    }

    @Bean
    Queue deadLetters() {
        return QueueBuilder.durable(DEAD_LETTERS).build();
    }

    @Bean
    Binding deadLetterBinding() {
        return BindingBuilder.bind(deadLetters()).to(deadLetterExchange()).with(SHIPMENTS);
    }
}
