package dev.brokersandbox.bench.springours;

import java.util.List;

import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import dev.brokersandbox.junit.Topic;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The Spring suite on our side: ten {@code @SpringBootTest} classes of one application, declared
 * alike, so Spring's context cache gives them one application context (with its virtual host and
 * topic); each runs {@link SpringSuiteBase}'s Kafka and AMQP round trip through the listeners.
 */
public final class SpringSuiteFixture {

    /** The 10 classes, in the order the benchmark selects them. */
    public static final List<Class<?>> CLASSES = List.of(
            Class01.class, Class02.class, Class03.class, Class04.class, Class05.class,
            Class06.class, Class07.class, Class08.class, Class09.class, Class10.class);

    private SpringSuiteFixture() {
    }

    @SpringBootTest(classes = BenchApp.class, properties = "spring.kafka.consumer.auto-offset-reset=earliest")
    @BrokerSandbox(topics = @Topic("orders"), queues = @Queue("orders"))
    public static class Class01 extends SpringSuiteBase {
    }

    @SpringBootTest(classes = BenchApp.class, properties = "spring.kafka.consumer.auto-offset-reset=earliest")
    @BrokerSandbox(topics = @Topic("orders"), queues = @Queue("orders"))
    public static class Class02 extends SpringSuiteBase {
    }

    @SpringBootTest(classes = BenchApp.class, properties = "spring.kafka.consumer.auto-offset-reset=earliest")
    @BrokerSandbox(topics = @Topic("orders"), queues = @Queue("orders"))
    public static class Class03 extends SpringSuiteBase {
    }

    @SpringBootTest(classes = BenchApp.class, properties = "spring.kafka.consumer.auto-offset-reset=earliest")
    @BrokerSandbox(topics = @Topic("orders"), queues = @Queue("orders"))
    public static class Class04 extends SpringSuiteBase {
    }

    @SpringBootTest(classes = BenchApp.class, properties = "spring.kafka.consumer.auto-offset-reset=earliest")
    @BrokerSandbox(topics = @Topic("orders"), queues = @Queue("orders"))
    public static class Class05 extends SpringSuiteBase {
    }

    @SpringBootTest(classes = BenchApp.class, properties = "spring.kafka.consumer.auto-offset-reset=earliest")
    @BrokerSandbox(topics = @Topic("orders"), queues = @Queue("orders"))
    public static class Class06 extends SpringSuiteBase {
    }

    @SpringBootTest(classes = BenchApp.class, properties = "spring.kafka.consumer.auto-offset-reset=earliest")
    @BrokerSandbox(topics = @Topic("orders"), queues = @Queue("orders"))
    public static class Class07 extends SpringSuiteBase {
    }

    @SpringBootTest(classes = BenchApp.class, properties = "spring.kafka.consumer.auto-offset-reset=earliest")
    @BrokerSandbox(topics = @Topic("orders"), queues = @Queue("orders"))
    public static class Class08 extends SpringSuiteBase {
    }

    @SpringBootTest(classes = BenchApp.class, properties = "spring.kafka.consumer.auto-offset-reset=earliest")
    @BrokerSandbox(topics = @Topic("orders"), queues = @Queue("orders"))
    public static class Class09 extends SpringSuiteBase {
    }

    @SpringBootTest(classes = BenchApp.class, properties = "spring.kafka.consumer.auto-offset-reset=earliest")
    @BrokerSandbox(topics = @Topic("orders"), queues = @Queue("orders"))
    public static class Class10 extends SpringSuiteBase {
    }
}
