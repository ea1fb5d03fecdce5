package dev.brokersandbox.junit.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.brokersandbox.AmqpSetup;
import dev.brokersandbox.KafkaSaslMechanism;
import dev.brokersandbox.KafkaSetup;
import dev.brokersandbox.KafkaUser;
import dev.brokersandbox.SandboxOptions;
import dev.brokersandbox.junit.AmqpUser;
import dev.brokersandbox.junit.Binding;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Exchange;
import dev.brokersandbox.junit.Queue;
import dev.brokersandbox.junit.Topic;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

/** Translates {@link BrokerSandbox} into a {@link SandboxConfig}, naming the element of any mistake. */
public final class AnnotationConfig {

    private AnnotationConfig() {
    }

    public static SandboxConfig of(BrokerSandbox annotation, Class<?> testClass) {
        String where = " on " + testClass.getSimpleName();
        KafkaSetup kafka = new KafkaSetup();
        AmqpSetup amqp = new AmqpSetup();
        for (Topic t : annotation.topics()) {
            addTopic(kafka, t, where);
        }
        for (Exchange e : annotation.exchanges()) {
            String name = name("@Exchange", e.value(), e.name(), where);
            apply("@Exchange(\"" + name + "\")" + where, () -> amqp.exchange(name, e.type()));
        }
        for (Queue q : annotation.queues()) {
            String name = name("@Queue", q.value(), q.name(), where);
            String element = "@Queue(\"" + name + "\")";
            apply(element + where, () -> amqp.queue(name, q.durable(),
                    keyValues(element + " arguments", q.arguments(), "x-max-length=10", where,
                            AnnotationConfig::argumentValue)));
        }
        for (Binding b : annotation.bindings()) {
            apply("@Binding(exchange = \"" + b.exchange() + "\", queue = \"" + b.queue() + "\")" + where,
                    () -> amqp.bind(b.exchange(), b.queue(), b.routingKey()));
        }
        for (AmqpUser u : annotation.amqpUsers()) {
            apply("@AmqpUser(name = \"" + u.name() + "\")" + where,
                    () -> amqp.user(u.name(), u.password(), u.configure(), u.write(), u.read()));
        }
        if (annotation.kafkaBrokers() < 1) {
            throw new ExtensionConfigurationException("@BrokerSandbox(kafkaBrokers = " + annotation.kafkaBrokers() + ")"
                    + where + ": a Kafka needs at least 1 broker; give 1 (the default) for one combined broker and "
                    + "controller, or more for a cluster");
        }
        SandboxOptions options = SandboxOptions.defaults().withKafkaBrokers(annotation.kafkaBrokers())
                .withTls(annotation.tls());
        options = withKafkaSasl(options, annotation, where);
        return new SandboxConfig(kafka, amqp, annotation.lifecycle() == BrokerSandbox.Lifecycle.PER_CLASS, options);
    }

    private static SandboxOptions withKafkaSasl(SandboxOptions options, BrokerSandbox annotation, String where) {
        String element = "@BrokerSandbox(kafkaSasl = \"" + annotation.kafkaSasl() + "\", kafkaUsers = "
                + Arrays.stream(annotation.kafkaUsers()).map(u -> "\"" + u.replaceFirst(":.*", ":…") + "\"")
                        .collect(Collectors.joining(", ", "{", "}")) + ")" + where;
        if (annotation.kafkaSasl().isEmpty() && annotation.kafkaUsers().length == 0) {
            return options;
        }
        List<KafkaUser> users = new ArrayList<>();
        for (String entry : annotation.kafkaUsers()) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new ExtensionConfigurationException(element + ": kafkaUsers entry \"" + entry.replaceFirst(":.*", "")
                        + "\" is not name:password; give each user as \"alice:alice-secret\"");
            }
            users.add(argument(element, () -> new KafkaUser(entry.substring(0, colon), entry.substring(colon + 1))));
        }
        KafkaSaslMechanism mechanism = annotation.kafkaSasl().isEmpty() ? null
                : argument(element, () -> KafkaSaslMechanism.of(annotation.kafkaSasl()));
        return argument(element, () -> options.withKafkaSasl(mechanism, users));
    }

    private static <T> T argument(String element, Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(element + ": " + e.getMessage(), e);
        }
    }

    /** The topics a test method declares for itself with {@code @Topic}. */
    public static KafkaSetup methodTopics(Method method) {
        KafkaSetup kafka = new KafkaSetup();
        String where = " on " + method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
        for (Topic t : AnnotationSupport.findRepeatableAnnotations(method, Topic.class)) {
            addTopic(kafka, t, where);
        }
        return kafka;
    }

    private static void addTopic(KafkaSetup kafka, Topic t, String where) {
        String name = name("@Topic", t.value(), t.name(), where);
        String element = "@Topic(\"" + name + "\")";
        apply(element + where, () -> kafka.topic(name, t.partitions(), t.replicationFactor(),
                keyValues(element + " config", t.config(), "retention.ms=60000", where,
                        Function.identity())));
    }

    private static String name(String annotation, String value, String name, String where) {
        if (!value.isEmpty() && !name.isEmpty() && !value.equals(name)) {
            throw new ExtensionConfigurationException(annotation + "(value = \"" + value + "\", name = \"" + name
                    + "\")" + where + ": value and name are two spellings of the same name and differ; give it once");
        }
        String result = value.isEmpty() ? name : value;
        if (result.isEmpty()) {
            throw new ExtensionConfigurationException(annotation + where + ": the name is empty; give it as "
                    + annotation + "(\"some-name\") or " + annotation + "(name = \"some-name\")");
        }
        return result;
    }

    private static <V> Map<String, V> keyValues(String element, String[] entries, String example, String where,
                                                Function<String, V> valueOf) {
        Map<String, V> map = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new ExtensionConfigurationException(element + " entry \"" + entry + "\"" + where
                        + ": expected key=value, e.g. \"" + example + "\"");
            }
            String key = entry.substring(0, eq).trim();
            if (map.put(key, valueOf.apply(entry.substring(eq + 1).trim())) != null) {
                throw new ExtensionConfigurationException(element + " entry \"" + key + "\"" + where
                        + ": given twice; give each key once");
            }
        }
        return map;
    }

    /** RabbitMQ wants numbers for x-message-ttl, x-max-length and the like, not strings. */
    static Object argumentValue(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        try {
            long value = Long.parseLong(text);
            return value == (int) value ? (Object) (int) value : (Object) value;
        } catch (NumberFormatException notANumber) {
            return text;
        }
    }

    private static void apply(String element, Runnable declaration) {
        try {
            declaration.run();
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(element + ": " + withoutElement(e.getMessage()), e);
        }
    }

    /** The core names the element as {@code topic "orders": ...}; the annotation element already says that. */
    private static String withoutElement(String message) {
        int end = message.indexOf("\": ");
        boolean named = message.startsWith("topic \"") || message.startsWith("queue \"")
                || message.startsWith("exchange \"") || message.startsWith("binding of ");
        return named && end > 0 ? message.substring(end + 3) : message;
    }
}
