package dev.brokersandbox.junit.internal;

import java.io.IOException;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** Makes the clients the extension injects, each with the action that closes it after its scope. */
public final class InjectedClients {

    /** Kafka clients wait this long at most to close; a test should not hang on a broker's fault. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static final Set<Class<?>> KAFKA_STRING_TYPES =
            Set.of(Producer.class, KafkaProducer.class, Consumer.class, KafkaConsumer.class);
    private static final Set<Class<?>> CLIENT_TYPES = Set.of(Producer.class, KafkaProducer.class,
            Consumer.class, KafkaConsumer.class, Admin.class, ConnectionFactory.class, Connection.class, Channel.class);

    /** A client and how to close it. */
    public record Injected(Object client, AutoCloseable closer) {
    }

    private InjectedClients() {
    }

    public static boolean supports(Class<?> type) {
        return CLIENT_TYPES.contains(type);
    }

    /**
     * @param consumerGroup the group id of an injected consumer
     * @param describe how to name the parameter in a message
     */
    public static Injected create(Parameter parameter, ClassSandbox target, String consumerGroup, String describe) {
        Class<?> type = parameter.getType();
        if (KAFKA_STRING_TYPES.contains(type)) {
            requireStringString(parameter, describe);
        }
        if (type == Producer.class || type == KafkaProducer.class) {
            Producer<String, String> producer = target.kafka().producer();
            return new Injected(producer, () -> producer.close(CLOSE_TIMEOUT));
        }
        if (type == Consumer.class || type == KafkaConsumer.class) {
            Consumer<String, String> consumer = target.kafka().consumer(consumerGroup);
            return new Injected(consumer, () -> closeConsumer(consumer));
        }
        if (type == Admin.class) {
            Admin admin = target.kafka().admin();
            return new Injected(admin, () -> admin.close(CLOSE_TIMEOUT));
        }
        ConnectionFactory factory = target.amqp().connectionFactory(target.virtualHost());
        if (type == ConnectionFactory.class) {
            return new Injected(factory, () -> { });
        }
        if (type == Connection.class) {
            Connection connection = connect(factory, describe);
            return new Injected(connection, () -> closeConnection(connection));
        }
        try {
            Channel channel = target.newChannel();
            return new Injected(channel, () -> {
                try {
                    if (channel.isOpen()) {
                        channel.close();
                    }
                } catch (AlreadyClosedException ignored) {
                    // the test closed it, or the broker did: both are the test's business
                }
            });
        } catch (IOException | TimeoutException e) {
            throw new ParameterResolutionException("Could not open an AMQP channel for " + describe + " on "
                    + factory.getHost() + ":" + factory.getPort() + " (virtual host " + factory.getVirtualHost() + "): " + e, e);
        }
    }

    private static Connection connect(ConnectionFactory factory, String describe) {
        try {
            return factory.newConnection(describe);
        } catch (IOException | TimeoutException e) {
            throw new ParameterResolutionException("Could not connect to the AMQP broker at " + factory.getHost() + ":"
                    + factory.getPort() + " (virtual host " + factory.getVirtualHost() + ") for " + describe + ": " + e, e);
        }
    }

    private static void closeConnection(Connection connection) throws IOException {
        if (connection.isOpen()) {
            try {
                connection.close((int) CLOSE_TIMEOUT.toMillis());
            } catch (AlreadyClosedException ignored) {
                // closed concurrently by the test or the broker
            }
        }
    }

    private static void requireStringString(Parameter parameter, String describe) {
        Type generic = parameter.getParameterizedType();
        if (!(generic instanceof ParameterizedType parameterized)) {
            return;
        }
        boolean strings = Arrays.stream(parameterized.getActualTypeArguments()).allMatch(t -> t == String.class);
        if (!strings) {
            String simple = parameter.getType().getSimpleName();
            throw new ParameterResolutionException(describe + ": the sandbox injects " + simple
                    + "<String, String> only, not " + generic.getTypeName().replaceAll("[\\w.]+\\.", "")
                    + "; declare it as " + simple + "<String, String>, or inject SandboxInfo and build the client "
                    + "with your serializers from info.kafkaClientConfig()");
        }
    }

    /**
     * The injected consumer is the user's kafka-clients, 3.x or 4.x: {@code close(Duration)} is in
     * both (deprecated from 4.1 for {@code close(CloseOptions)}, which 3.x and 4.0 lack).
     */
    @SuppressWarnings("deprecation")
    private static void closeConsumer(Consumer<String, String> consumer) {
        consumer.close(CLOSE_TIMEOUT);
    }
}
