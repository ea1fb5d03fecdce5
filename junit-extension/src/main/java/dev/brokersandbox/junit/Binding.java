package dev.brokersandbox.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A binding for {@link BrokerSandbox#bindings()}: messages published to {@link #exchange()} whose
 * routing key matches {@link #routingKey()} go to {@link #queue()}.
 */
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Binding {

    /** A declared exchange, or a predeclared {@code amq.*} one. */
    String exchange();

    /** A declared queue. */
    String queue();

    /** The binding key: a word for direct, a pattern such as {@code "*.error"} for topic, ignored by fanout. */
    String routingKey() default "";
}
