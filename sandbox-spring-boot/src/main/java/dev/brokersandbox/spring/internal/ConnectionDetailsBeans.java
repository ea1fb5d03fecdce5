package dev.brokersandbox.spring.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Boot's connection details for Kafka and RabbitMQ (what {@code @ServiceConnection} registers for
 * a container), pointing at the sandbox: Boot's auto-configuration then takes the address,
 * credentials and virtual host from them instead of from {@code spring.kafka.*} and
 * {@code spring.rabbitmq.*}. Boot 4 moved the interfaces to new packages, so they are looked up by
 * name and implemented with a JDK proxy: one code base for Boot 3.5 and 4.0. Every value is read
 * from the sandbox when Boot first asks, so a broker the application never uses is never started.
 * An external Kafka's other client properties (SASL, TLS) reach Boot as {@code spring.kafka.properties.*}
 * ({@link SandboxPropertySource}): the connection details have no place for them.
 */
final class ConnectionDetailsBeans {

    /** Boot 4.0 first, then 3.5. */
    private static final List<String> KAFKA = List.of(
            "org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails",
            "org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails");
    private static final List<String> RABBIT = List.of(
            "org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails",
            "org.springframework.boot.autoconfigure.amqp.RabbitConnectionDetails");

    private ConnectionDetailsBeans() {
    }

    static void register(ConfigurableListableBeanFactory beans, ContextSandbox sandbox, ClassLoader loader) {
        Class<?> kafka = firstPresent(KAFKA, loader);
        if (kafka != null) {
            beans.registerSingleton("brokerSandboxKafkaConnectionDetails", proxy(kafka, (method, args) -> switch (method.getName()) {
                case "getBootstrapServers" -> Arrays.asList(sandbox.kafka().bootstrapServers().split(","));
                // An external cluster's (SASL_SSL, say); null leaves spring.kafka.security.protocol as it is.
                case "getSecurityProtocol" -> sandbox.kafka().clientConfig().get("security.protocol");
                default -> null;
            }));
        }
        Class<?> rabbit = firstPresent(RABBIT, loader);
        if (rabbit != null) {
            Constructor<?> address = addressConstructor(rabbit);
            beans.registerSingleton("brokerSandboxRabbitConnectionDetails", proxy(rabbit, (method, args) -> switch (method.getName()) {
                case "getAddresses" -> List.of(address.newInstance(sandbox.amqp().host(), sandbox.amqp().port()));
                case "getUsername" -> sandbox.amqp().username();
                case "getPassword" -> sandbox.amqp().password();
                case "getVirtualHost" -> sandbox.virtualHost();
                default -> null;
            }));
        }
    }

    /** What the sandbox answers; null for what Boot's default method answers (SSL bundles, per-client servers). */
    private interface Answers {
        Object answer(Method method, Object[] args) throws ReflectiveOperationException;
    }

    private static Object proxy(Class<?> type, Answers answers) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "Broker Sandbox " + type.getSimpleName();
                };
            }
            Object answer = answers.answer(method, args);
            if (answer != null || !method.isDefault()) {
                return answer;
            }
            return InvocationHandler.invokeDefault(proxy, method, args);
        };
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    /** {@code RabbitConnectionDetails.Address(String host, int port)}, a record nested in the interface. */
    private static Constructor<?> addressConstructor(Class<?> rabbit) {
        try {
            return Class.forName(rabbit.getName() + "$Address", false, rabbit.getClassLoader())
                    .getConstructor(String.class, int.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This Spring Boot's " + rabbit.getName() + " has no Address(String, int): "
                    + "the sandbox supports Spring Boot 3.5 and 4.0", e);
        }
    }

    private static Class<?> firstPresent(List<String> names, ClassLoader loader) {
        List<Class<?>> found = names.stream().filter(name -> ClassUtils.isPresent(name, loader))
                .map(name -> ClassUtils.resolveClassName(name, loader)).collect(Collectors.toList());
        return found.isEmpty() ? null : found.get(0);
    }
}
