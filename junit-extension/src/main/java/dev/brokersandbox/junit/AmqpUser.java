package dev.brokersandbox.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An AMQP user for {@link BrokerSandbox#amqpUsers()}, with its permissions in the class's own
 * virtual host, as {@code rabbitmqctl add_user} and {@code set_permissions} make them:
 * {@code @AmqpUser(name = "reporting", password = "reporting-secret", configure = "", write = "", read = "^orders$")}.
 * Each permission is a regular expression found in the names of the queues and exchanges an
 * operation touches ({@code ""} allows nothing; the default exchange is {@code amq.default}); an
 * operation it does not allow closes the channel with RabbitMQ's 403. The injected clients still
 * connect as {@code guest}: connect as the user with {@link SandboxInfo}'s host, port and virtual host.
 * Users are the broker's, not the class's: on shared brokers one stays after the class, with no
 * permissions once the class's virtual host is gone, and classes that declare the same name must
 * give it the same password.
 */
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AmqpUser {

    String name();

    String password();

    /** Declaring and deleting queues and exchanges; everything by default. */
    String configure() default ".*";

    /** Publishing to exchanges and binding queues; everything by default. */
    String write() default ".*";

    /** Consuming, getting and purging queues, and binding from exchanges; everything by default. */
    String read() default ".*";
}
