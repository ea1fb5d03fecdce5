package dev.brokersandbox.spring.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.core.env.EnumerablePropertySource;

/**
 * The sandbox's addresses as the properties Boot's own configuration reads, first in the
 * environment, for code that reads them directly ({@code @Value("${spring.kafka.bootstrap-servers}")})
 * and for applications without Boot's connection details: {@code spring.kafka.bootstrap-servers},
 * {@code spring.rabbitmq.host}, {@code port}, {@code username}, {@code password} and
 * {@code virtual-host}, the context's own. Each value is read when first asked for, so a broker
 * no one asks about is not started.
 */
final class SandboxPropertySource extends EnumerablePropertySource<ContextSandbox> {

    private final Map<String, Function<ContextSandbox, Object>> values = new LinkedHashMap<>();

    SandboxPropertySource(ContextSandbox sandbox) {
        super("brokerSandbox", sandbox);
        values.put("spring.kafka.bootstrap-servers", s -> s.kafka().bootstrapServers());
        values.put("spring.rabbitmq.host", s -> s.amqp().host());
        values.put("spring.rabbitmq.port", s -> s.amqp().port());
        values.put("spring.rabbitmq.username", s -> s.amqp().username());
        values.put("spring.rabbitmq.password", s -> s.amqp().password());
        values.put("spring.rabbitmq.virtual-host", ContextSandbox::virtualHost);
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
