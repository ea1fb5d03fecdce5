package dev.brokersandbox.junit.internal;

import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.SandboxExtension;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Which shared brokers a set of test classes will need, read from their declarations alone
 * (annotations, parameter types), without running anything. A guess for starting brokers early:
 * a class that needs a broker this misses still gets it, started when it asks.
 */
record BrokerUsage(boolean kafka, boolean amqp) {

    private static final Set<Class<?>> KAFKA_TYPES =
            Set.of(Producer.class, KafkaProducer.class, Consumer.class, KafkaConsumer.class, Admin.class);
    private static final Set<Class<?>> AMQP_TYPES = Set.of(ConnectionFactory.class, Connection.class, Channel.class);

    static BrokerUsage of(Collection<Class<?>> testClasses) {
        boolean kafka = false;
        boolean amqp = false;
        for (Class<?> testClass : testClasses) {
            BrokerUsage usage = of(testClass);
            kafka |= usage.kafka;
            amqp |= usage.amqp;
        }
        return new BrokerUsage(kafka, amqp);
    }

    /**
     * Per-class sandboxes are not shared, and cluster and secured (TLS, Kafka SASL) ones are not the
     * defaults that are started ahead: a class asking for one would not take them.
     */
    static BrokerUsage of(Class<?> testClass) {
        Optional<BrokerSandbox> annotation = annotation(testClass);
        if (annotation.isEmpty() && !registersExtension(testClass)) {
            return new BrokerUsage(false, false);
        }
        if (annotation.isPresent() && (annotation.get().lifecycle() == BrokerSandbox.Lifecycle.PER_CLASS
                || annotation.get().tls())) {
            return new BrokerUsage(false, false);
        }
        boolean kafka = annotation.map(a -> a.topics().length > 0 && a.kafkaBrokers() == 1).orElse(false);
        boolean amqp = annotation.map(a -> a.queues().length > 0 || a.exchanges().length > 0).orElse(false);
        for (Executable executable : executables(testClass)) {
            kafka |= !AnnotationSupport.findRepeatableAnnotations(executable, Topic.class).isEmpty();
            for (Class<?> type : executable.getParameterTypes()) {
                kafka |= KAFKA_TYPES.contains(type) || type == SandboxInfo.class;
                amqp |= AMQP_TYPES.contains(type) || type == SandboxInfo.class;
            }
        }
        boolean defaultKafka = annotation.map(a -> a.kafkaBrokers() == 1 && a.kafkaSasl().isEmpty()).orElse(true);
        return new BrokerUsage(kafka && defaultKafka, amqp);
    }

    private static Optional<BrokerSandbox> annotation(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<BrokerSandbox> found = AnnotationSupport.findAnnotation(c, BrokerSandbox.class);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static boolean registersExtension(Class<?> testClass) {
        for (Field field : testClass.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == SandboxExtension.class) {
                return true;
            }
        }
        return false;
    }

    private static List<Executable> executables(Class<?> testClass) {
        List<Executable> all = new ArrayList<>(List.of(testClass.getDeclaredConstructors()));
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            all.addAll(List.of(c.getDeclaredMethods()));
        }
        for (Class<?> nested : testClass.getDeclaredClasses()) {
            all.addAll(List.of(nested.getDeclaredMethods()));
        }
        return all;
    }
}
