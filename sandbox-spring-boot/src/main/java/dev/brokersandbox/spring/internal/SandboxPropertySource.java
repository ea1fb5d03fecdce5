package dev.brokersandbox.spring.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import dev.brokersandbox.ExternalBrokers;
import dev.brokersandbox.KafkaSetup;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * The sandbox's addresses as the properties Boot's own configuration reads, first in the
 * environment, for code that reads them directly ({@code @Value("${spring.kafka.bootstrap-servers}")})
 * and for applications without Boot's connection details: {@code spring.kafka.bootstrap-servers},
 * {@code spring.rabbitmq.host}, {@code port}, {@code username}, {@code password} and
 * {@code virtual-host}, the context's own. Each value is read when first asked for, so a broker
 * no one asks about is not started.
 *
 * <p>And the real names of the declared topics, {@code brokersandbox.kafka.topics.<declared name>}
 * (with {@code brokersandbox.kafka.topic-prefix}), which differ from the declared ones in external
 * mode with a topic prefix: {@code @KafkaListener(topics = "${brokersandbox.kafka.topics.orders:orders}")}.
 *
 * <p>In external mode, what the connection details cannot carry: the external Kafka's client
 * properties as {@code spring.kafka.properties.*} (Boot passes them to every client), and
 * {@code spring.rabbitmq.ssl.enabled} for an {@code amqps://} URI.
 */
final class SandboxPropertySource extends EnumerablePropertySource<ContextSandbox> {

    private static final String TOPIC_PREFIX = "brokersandbox.kafka.topic-prefix";
    private static final String TOPICS = "brokersandbox.kafka.topics.";

    private final Map<String, Function<ContextSandbox, Object>> values = new LinkedHashMap<>();

    SandboxPropertySource(ContextSandbox sandbox) {
        super("brokerSandbox", sandbox);
        values.put("spring.kafka.bootstrap-servers", s -> s.kafka().bootstrapServers());
        values.put("spring.rabbitmq.host", s -> s.amqp().host());
        values.put("spring.rabbitmq.port", s -> s.amqp().port());
        values.put("spring.rabbitmq.username", s -> s.amqp().username());
        values.put("spring.rabbitmq.password", s -> s.amqp().password());
        values.put("spring.rabbitmq.virtual-host", ContextSandbox::virtualHost);
        values.put(TOPIC_PREFIX, s -> s.kafka().topicName(""));
        for (KafkaSetup.TopicSpec topic : sandbox.config().kafka().topics()) {
            values.put(TOPICS + topic.name(), s -> s.kafka().topicName(topic.name()));
        }
        ExternalBrokers external = sandbox.external();
        if (external != null && external.hasKafka()) {
            external.kafkaClientProperties().forEach((key, value) -> values.put("spring.kafka.properties." + key, s -> value));
        }
        if (external != null && external.hasAmqp()) {
            requireNoQuery(external);
            if ("amqps".equals(external.amqpUri().getScheme())) {
                // TLS as the application's spring.rabbitmq.ssl.* set it up (by default: the JVM's trusted certificates).
                values.put("spring.rabbitmq.ssl.enabled", s -> "true");
            }
        }
    }

    /** Boot takes an address, credentials and a virtual host: a URI's query would be dropped without a word. */
    private static void requireNoQuery(ExternalBrokers external) {
        String query = external.amqpUri().getRawQuery();
        if (query != null && !query.isEmpty()) {
            throw new ExtensionConfigurationException("brokersandbox.external.amqp.uri has the query \"" + query + "\", "
                    + "which the Spring Boot wiring cannot pass on (Boot's RabbitConnectionDetails take host, port, user, "
                    + "password and virtual host): remove it from the URI and set the application's spring.rabbitmq.* "
                    + "properties instead (such as spring.rabbitmq.requested-heartbeat, spring.rabbitmq.connection-timeout)");
        }
    }

    @Override
    public String[] getPropertyNames() {
        return values.keySet().toArray(new String[0]);
    }

    @Override
    public Object getProperty(String name) {
        Function<ContextSandbox, Object> value = values.get(name);
        return value == null ? null : value.apply(getSource());
    }

    @Override
    public boolean containsProperty(String name) {
        return values.containsKey(name);
    }
}
