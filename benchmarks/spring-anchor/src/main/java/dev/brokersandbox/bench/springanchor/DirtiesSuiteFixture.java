package dev.brokersandbox.bench.springanchor;

import java.util.List;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;

/**
 * {@link SpringSuiteFixture}'s classes with {@code @DirtiesContext}, as spring-kafka's examples of
 * {@code @EmbeddedKafka} tests often have it: a context, and so an embedded broker, per class.
 */
public final class DirtiesSuiteFixture {

    /** The 10 classes, in the order the benchmark selects them. */
    public static final List<Class<?>> CLASSES = List.of(
            Class01.class, Class02.class, Class03.class, Class04.class, Class05.class,
            Class06.class, Class07.class, Class08.class, Class09.class, Class10.class);

    private DirtiesSuiteFixture() {
    }

    @SpringBootTest(classes = BenchApp.class, properties = "spring.kafka.consumer.auto-offset-reset=earliest")
    @EmbeddedKafka(topics = "orders", partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
    @DirtiesContext
    public static class Class01 extends SpringSuiteBase {
    }

    @SpringBootTest(classes = BenchApp.class, properties = "spring.kafka.consumer.auto-offset-reset=earliest")
    @EmbeddedKafka(topics = "orders", partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
    @DirtiesContext
    public static class Class02 extends SpringSuiteBase {
    }

    @SpringBootTest(classes = BenchApp.class, properties = "spring.kafka.consumer.auto-offset-reset=earliest")
    @EmbeddedKafka(topics = "orders", partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
    @DirtiesContext
    public static class Class03 extends SpringSuiteBase {
    }

    @SpringBootTest(classes = BenchApp.class, properties = "spring.kafka.consumer.auto-offset-reset=earliest")
    @EmbeddedKafka(topics = "orders", partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
    @DirtiesContext
    public static class Class04 extends SpringSuiteBase {
    }

    @SpringBootTest(classes = BenchApp.class, properties = "spring.kafka.consumer.auto-offset-reset=earliest")
    @EmbeddedKafka(topics = "orders", partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
    @DirtiesContext
    public static class Class05 extends SpringSuiteBase {
    }

    @SpringBootTest(classes = BenchApp.class, properties = "spring.kafka.consumer.auto-offset-reset=earliest")
    @EmbeddedKafka(topics = "orders", partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
    @DirtiesContext
    public static class Class06 extends SpringSuiteBase {
    }

    @SpringBootTest(classes = BenchApp.class, properties = "spring.kafka.consumer.auto-offset-reset=earliest")
    @EmbeddedKafka(topics = "orders", partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
    @DirtiesContext
    public static class Class07 extends SpringSuiteBase {
    }

    @SpringBootTest(classes = BenchApp.class, properties = "spring.kafka.consumer.auto-offset-reset=earliest")
    @EmbeddedKafka(topics = "orders", partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
    @DirtiesContext
    public static class Class08 extends SpringSuiteBase {
    }

    @SpringBootTest(classes = BenchApp.class, properties = "spring.kafka.consumer.auto-offset-reset=earliest")
    @EmbeddedKafka(topics = "orders", partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
    @DirtiesContext
    public static class Class09 extends SpringSuiteBase {
    }

    @SpringBootTest(classes = BenchApp.class, properties = "spring.kafka.consumer.auto-offset-reset=earliest")
    @EmbeddedKafka(topics = "orders", partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
    @DirtiesContext
    public static class Class10 extends SpringSuiteBase {
    }
}
