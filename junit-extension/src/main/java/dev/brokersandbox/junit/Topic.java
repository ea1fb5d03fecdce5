package dev.brokersandbox.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Kafka topic, created empty before the tests run: in {@link BrokerSandbox#topics()} for the
 * whole class, or on a test method for that test alone (deleted after it).
 * {@code @Topic("orders")} or {@code @Topic(name = "orders", partitions = 3, config = "retention.ms=60000")}.
 */
@Target(ElementType.METHOD)
@Repeatable(Topics.class)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Topic {

    /** The topic name; the same as {@link #name()}, for {@code @Topic("orders")}. */
    String value() default "";

    /** The topic name; the same as {@link #value()}. */
    String name() default "";

    /** How many partitions; at least 1. */
    int partitions() default 1;

    /**
     * How many brokers hold each partition; 0 (the default) takes the broker's default, which is
     * the number of brokers up to 3 (see {@link BrokerSandbox#kafkaBrokers()}).
     */
    int replicationFactor() default 0;

    /** Topic configs as {@code key=value}, e.g. {@code "cleanup.policy=compact"}. */
    String[] config() default {};
}
