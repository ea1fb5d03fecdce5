package dev.brokersandbox.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.rabbitmq.client.BuiltinExchangeType;

/**
 * An AMQP exchange for {@link BrokerSandbox#exchanges()}:
 * {@code @Exchange(name = "logs", type = BuiltinExchangeType.FANOUT)}.
 */
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Exchange {

    /** The exchange name; the same as {@link #name()}. */
    String value() default "";

    /** The exchange name; the same as {@link #value()}. */
    String name() default "";

    /** DIRECT, FANOUT, TOPIC or HEADERS. */
    BuiltinExchangeType type();
}
