package dev.brokersandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.rabbitmq.client.BuiltinExchangeType;

/**
 * What an AMQP virtual host should hold before a test runs: queues, exchanges and the bindings
 * between them, declared with RabbitMQ's client exactly as a test would declare them itself; and
 * users with their permissions in it ({@link AmqpBroker#addUser}, {@link AmqpBroker#setPermissions}).
 *
 * <pre>{@code
 * Sandbox.builder().amqp(a -> a.queue("hello").exchange("logs", FANOUT).bind("logs", "hello", ""))
 * }</pre>
 */
public final class AmqpSetup {

    /** Exchanges every AMQP 0-9-1 broker predeclares; bindings may name them without declaring them. */
    static final Set<String> PREDECLARED_EXCHANGES =
            Set.of("amq.direct", "amq.fanout", "amq.topic", "amq.headers", "amq.match");

    private final Map<String, QueueSpec> queues = new LinkedHashMap<>();
    private final Map<String, ExchangeSpec> exchanges = new LinkedHashMap<>();
    private final List<BindingSpec> bindings = new ArrayList<>();
    private final Map<String, UserSpec> users = new LinkedHashMap<>();

    /** A queue to declare (not exclusive, not auto-delete). */
    public record QueueSpec(String name, boolean durable, Map<String, Object> arguments) {
        public QueueSpec {
            arguments = Map.copyOf(arguments);
        }
    }

    /** An exchange to declare (not durable, not auto-delete). */
    public record ExchangeSpec(String name, BuiltinExchangeType type) {
    }

    /** A binding from an exchange to a queue. */
    public record BindingSpec(String exchange, String queue, String routingKey) {
    }

    /** A user and its permissions in the virtual host; the password is never shown by {@link #toString()}. */
    public record UserSpec(String name, String password, String configure, String write, String read) {
        @Override
        public String toString() {
            return "UserSpec[" + name + ", configure=" + configure + ", write=" + write + ", read=" + read + "]";
        }
    }

    /**
     * Adds a user with these permissions in the virtual host (regular expressions; see
     * {@link AmqpBroker#setPermissions}). A user of that name that exists with the same password,
     * declared for another virtual host, is given these permissions here too.
     *
     * @throws IllegalArgumentException naming the user when its name or password is empty or it was already added
     */
    public AmqpSetup user(String name, String password, String configure, String write, String read) {
        requireName("user", name);
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("user \"" + name + "\" needs a password");
        }
        if (users.containsKey(name)) {
            throw new IllegalArgumentException("user \"" + name + "\" is declared twice: declare each user once");
        }
        users.put(name, new UserSpec(name, password, configure, write, read));
        return this;
    }

    /** Adds a non-durable queue without arguments, as {@code channel.queueDeclare(name, false, false, false, null)}. */
    public AmqpSetup queue(String name) {
        return queue(name, false, Map.of());
    }

    /**
     * Adds a queue.
     *
     * @param durable whether the queue survives a broker restart
     * @param arguments queue arguments such as {@code x-message-ttl}
     * @throws IllegalArgumentException naming the queue when its name is empty or it was already added
     */
    public AmqpSetup queue(String name, boolean durable, Map<String, Object> arguments) {
        requireName("queue", name);
        if (queues.containsKey(name)) {
            throw new IllegalArgumentException("queue \"" + name + "\" is declared twice: declare each queue once");
        }
        queues.put(name, new QueueSpec(name, durable, arguments));
        return this;
    }

    /**
     * Adds an exchange.
     *
     * @throws IllegalArgumentException naming the exchange when its name is empty, reserved
     *     ({@code amq.*}) or already added
     */
    public AmqpSetup exchange(String name, BuiltinExchangeType type) {
        requireName("exchange", name);
        if (name.startsWith("amq.")) {
            throw new IllegalArgumentException("exchange \"" + name + "\": names starting with 'amq.' are reserved "
                    + "by AMQP; bind to the predeclared one without declaring it, or choose another name");
        }
        if (type == null) {
            throw new IllegalArgumentException("exchange \"" + name + "\": type must be given (DIRECT, FANOUT, TOPIC or HEADERS)");
        }
        if (exchanges.containsKey(name)) {
            throw new IllegalArgumentException("exchange \"" + name + "\" is declared twice: declare each exchange once");
        }
        exchanges.put(name, new ExchangeSpec(name, type));
        return this;
    }

    /**
     * Binds {@code queue} to {@code exchange}. Both must be added to this setup first, except the
     * predeclared {@code amq.*} exchanges.
     *
     * @throws IllegalArgumentException naming the binding when its exchange or queue is unknown
     */
    public AmqpSetup bind(String exchange, String queue, String routingKey) {
        String binding = "binding of queue \"" + queue + "\" to exchange \"" + exchange + "\"";
        if (exchange == null || exchange.isEmpty()) {
            throw new IllegalArgumentException(binding + ": the default exchange cannot be bound "
                    + "(it already routes to every queue by name); name a declared exchange");
        }
        if (!exchanges.containsKey(exchange) && !PREDECLARED_EXCHANGES.contains(exchange)) {
            throw new IllegalArgumentException(binding + ": exchange \"" + exchange + "\" is not declared; "
                    + "declare it as an exchange first");
        }
        if (!queues.containsKey(queue)) {
            throw new IllegalArgumentException(binding + ": queue \"" + queue + "\" is not declared; "
                    + "declare it as a queue first");
        }
        bindings.add(new BindingSpec(exchange, queue, routingKey == null ? "" : routingKey));
        return this;
    }

    /** The queues in the order they were added. */
    public List<QueueSpec> queues() {
        return Collections.unmodifiableList(new ArrayList<>(queues.values()));
    }

    /** The exchanges in the order they were added. */
    public List<ExchangeSpec> exchanges() {
        return Collections.unmodifiableList(new ArrayList<>(exchanges.values()));
    }

    /** The bindings in the order they were added. */
    public List<BindingSpec> bindings() {
        return Collections.unmodifiableList(bindings);
    }

    /** The users in the order they were added. */
    public List<UserSpec> users() {
        return List.copyOf(users.values());
    }

    /** Whether there is nothing to declare. */
    public boolean isEmpty() {
        return queues.isEmpty() && exchanges.isEmpty() && users.isEmpty();
    }

    private static void requireName(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " name must not be empty (a server-named "
                    + what + " cannot be declared up front; declare it in the test)");
        }
    }
}
