package dev.brokersandbox.junit.internal;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Topic;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Kafka has no namespaces: two classes that declare the same topic name must not run at the
 * same time, nor two test methods that declare the same topic on themselves. This tells JUnit's
 * parallel scheduler so, one lock per topic name. Needs JUnit 5.12 or later; earlier ones never
 * load this class (see {@code BrokerSandbox}'s {@code @ResourceLock}), and {@link TopicLeases} keeps
 * the classes apart there.
 */
public final class TopicLocks implements ResourceLocksProvider {

    static final String KEY_PREFIX = "dev.brokersandbox.kafka.topic:";

    @Override
    public Set<Lock> provideForClass(Class<?> testClass) {
        return AnnotationSupport.findAnnotation(testClass, BrokerSandbox.class)
                .map(annotation -> locks(Stream.of(annotation.topics())))
                .orElse(Set.of());
    }

    @Override
    public Set<Lock> provideForMethod(List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
        return locks(AnnotationSupport.findRepeatableAnnotations(testMethod, Topic.class).stream());
    }

    private static Set<Lock> locks(Stream<Topic> topics) {
        return topics.map(TopicLocks::name)
                .filter(name -> !name.isEmpty())
                .map(name -> new Lock(KEY_PREFIX + name))
                .collect(Collectors.toSet());
    }

    private static String name(Topic topic) {
        return topic.value().isEmpty() ? topic.name() : topic.value();
    }
}
