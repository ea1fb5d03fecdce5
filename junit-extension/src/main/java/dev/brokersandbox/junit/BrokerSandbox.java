package dev.brokersandbox.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.brokersandbox.junit.internal.TopicLocks;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Runs the test class against a real Kafka and a real AMQP 0-9-1 broker inside this JVM and
 * injects ready clients into constructors, {@code @BeforeAll}, {@code @BeforeEach} and test methods:
 * {@code Producer<String, String>}, {@code Consumer<String, String>}, {@code Admin},
 * {@code ConnectionFactory}, {@code Connection}, {@code Channel} and {@link SandboxInfo}; and,
 * with {@link Lifecycle#PER_CLASS}, the {@link dev.brokersandbox.Sandbox} itself, to restart or
 * stop its brokers.
 *
 * <pre>{@code
 * @BrokerSandbox(topics = @Topic(name = "orders", partitions = 3), queues = @Queue("hello"))
 * class OrderTest {
 *     @Test void roundTrip(Producer<String, String> producer, Channel channel) { ... }
 * }
 * }</pre>
 *
 * <p>Isolation: the brokers are shared by every class of the JVM (unless
 * {@link #lifecycle()} says otherwise), but each class gets its own AMQP virtual host, and the
 * topics it declares are deleted and created afresh before it runs. Classes that declare the same
 * topic never run at the same time, also under JUnit's parallel execution: from JUnit 5.12 on, JUnit
 * schedules them apart; before, the later one waits for the topic (and a warning says so once).
 * On a Spring test class, with the {@code sandbox-spring-boot} module, the virtual host and topics
 * belong to the application context instead, which Spring caches across classes: see its README section.
 *
 * <p>For configuration in code, register {@link SandboxExtension} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SandboxExtension.class)
// JUnit 5.10 and 5.11 have no providers() (the JVM drops an annotation element its type lacks) and no
// default for value(): the value keeps the annotation complete there. A read lock excludes nothing.
@ResourceLock(value = "dev.brokersandbox.brokers", mode = ResourceAccessMode.READ, providers = TopicLocks.class)
public @interface BrokerSandbox {

    /** Kafka topics created, empty, before the class runs. */
    Topic[] topics() default {};

    /** AMQP queues declared in the class's virtual host before the class runs. */
    Queue[] queues() default {};

    /** AMQP exchanges declared in the class's virtual host before the class runs. */
    Exchange[] exchanges() default {};

    /** Bindings from {@link #exchanges()} (or the predeclared {@code amq.*} ones) to {@link #queues()}. */
    Binding[] bindings() default {};

    /** AMQP users with permissions in the class's virtual host, added before the class runs; see {@link AmqpUser}. */
    AmqpUser[] amqpUsers() default {};

    /** Whether the class shares the JVM's brokers (the default) or starts its own. */
    Lifecycle lifecycle() default Lifecycle.PER_JVM;

    /**
     * How many Kafka brokers: 1 by default; 3, say, for replicated topics and tests that stop a
     * broker. Classes asking for the same number share one Kafka (unless {@link Lifecycle#PER_CLASS}).
     */
    int kafkaBrokers() default 1;

    /**
     * Whether clients connect with TLS only: AMQP as amqps, Kafka through an {@code SSL} listener,
     * with certificates signed by a certificate authority the sandbox makes at start. The injected
     * clients trust it; {@link SandboxInfo#trustStore()} hands it to clients of your own. Classes
     * with TLS share brokers of their own, apart from those without. Off by default.
     */
    boolean tls() default false;

    /**
     * The SASL mechanism Kafka's clients must authenticate with: {@code "PLAIN"}, {@code "SCRAM-SHA-256"}
     * or {@code "SCRAM-SHA-512"} (Kafka's own names, the values of {@code sasl.mechanism}); empty, the
     * default, for none. Needs {@link #kafkaUsers()}.
     */
    String kafkaSasl() default "";

    /**
     * Kafka's users with {@link #kafkaSasl()}, as {@code "name:password"}: the injected clients log in
     * as the first; {@link SandboxInfo#kafkaClientConfig(String)} as another.
     * {@code @BrokerSandbox(kafkaSasl = "SCRAM-SHA-256", kafkaUsers = {"alice:alice-secret", "bob:bob-secret"})}
     */
    String[] kafkaUsers() default {};

    /** How long the brokers live. */
    enum Lifecycle {
        /** One pair of brokers for every class in the JVM, started once, stopped when the run ends. */
        PER_JVM,
        /** Brokers of the class's own, stopped after its last test: for tests that stop or break a broker. */
        PER_CLASS
    }
}
