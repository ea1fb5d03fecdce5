package dev.brokersandbox.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Kafka topic for {@link BrokerSandbox#topics()}: {@code @Topic("orders")} or
 * {@code @Topic(name = "orders", partitions = 3, config = "retention.ms=60000")}.
 */
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Topic {

    /** The topic name; the same as {@link #name()}, for {@code @Topic("orders")}. */
    String value() default "";

    /** The topic name; the same as {@link #value()}. */
    String name() default "";

    /** How many partitions; at least 1. */
    int partitions() default 1;

    /** Topic configs as {@code key=value}, e.g. {@code "cleanup.policy=compact"}. */
    String[] config() default {};
}
