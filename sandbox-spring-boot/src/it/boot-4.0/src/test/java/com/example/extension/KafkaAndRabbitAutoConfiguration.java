package com.example.extension;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;

/**
 * Boot's Kafka and RabbitMQ auto-configuration, and nothing else: what a user imports for a
 * test slice of the messaging side (Boot has no Kafka or Rabbit slice). Boot 4.0's packages; the
 * boot-3.5 project has its own copy with Boot 3.5's.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ImportAutoConfiguration({KafkaAutoConfiguration.class, RabbitAutoConfiguration.class})
@interface KafkaAndRabbitAutoConfiguration {
}
