package dev.brokersandbox.compat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * One behaviour of RabbitMQ, run against every {@link Broker} there is: the sandbox's always, and a
 * real RabbitMQ when {@value Targets#RABBITMQ_URI} names one. The assertions state RabbitMQ's
 * behaviour, so a scenario that passes on RabbitMQ and fails on the sandbox is a sandbox bug.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "on {0}")
@ArgumentsSource(Targets.class)
public @interface Scenario {
}
