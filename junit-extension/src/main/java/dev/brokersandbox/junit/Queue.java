package dev.brokersandbox.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An AMQP queue for {@link BrokerSandbox#queues()}: {@code @Queue("hello")} or
 * {@code @Queue(name = "tasks", durable = true, arguments = "x-max-length=10")}.
 */
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Queue {

    /** The queue name; the same as {@link #name()}, for {@code @Queue("hello")}. */
    String value() default "";

    /** The queue name; the same as {@link #value()}. */
    String name() default "";

    /** Whether the queue survives a broker restart; {@code false}, as in {@code queueDeclare(name, false, ...)}. */
    boolean durable() default false;

    /**
     * Queue arguments as {@code key=value}. Whole numbers become integers and {@code true}/{@code false}
     * booleans, as RabbitMQ expects ({@code "x-message-ttl=60000"}); anything else stays a string.
     */
    String[] arguments() default {};
}
