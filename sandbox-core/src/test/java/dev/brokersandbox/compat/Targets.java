package dev.brokersandbox.compat;

import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.rabbitmq.client.ConnectionFactory;
import dev.brokersandbox.Sandbox;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;

/**
 * The brokers every {@link Scenario} runs on: the sandbox's AMQP broker (started once per test run,
 * closed by JUnit's root store at its end) and, when the system property {@value #RABBITMQ_URI} is set
 * (the {@code differential} profile sets it), the real RabbitMQ at that URI.
 */
public final class Targets implements ArgumentsProvider {

    public static final String RABBITMQ_URI = "brokersandbox.rabbitmq.uri";
    /** How to run rabbitmqctl for that RabbitMQ (a command and its first arguments), for scenarios that need it. */
    public static final String RABBITMQCTL = "brokersandbox.rabbitmqctl";
    /** The URL of that RabbitMQ's management HTTP API ({@code .ci/rabbitmq}'s: http://127.0.0.1:15673). */
    public static final String RABBITMQ_MANAGEMENT = "brokersandbox.rabbitmq.management";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Targets.class);

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) throws Exception {
        List<Arguments> brokers = new ArrayList<>();
        SandboxTarget sandbox = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SandboxTarget.class, k -> new SandboxTarget(), SandboxTarget.class);
        brokers.add(Arguments.of(new Broker("sandbox", sandbox.factory(), sandbox.operator(), sandbox.managementUrl())));
        String uri = System.getProperty(RABBITMQ_URI, "");
        if (!uri.isBlank()) {
            String ctl = System.getProperty(RABBITMQCTL, "");
            Operator operator = Operator.rabbitmqctl(ctl.startsWith("${") ? "" : ctl); // Maven's unset variable
            String management = System.getProperty(RABBITMQ_MANAGEMENT, "");
            brokers.add(Arguments.of(new Broker("rabbitmq", rabbitmq(uri), operator,
                    management.isBlank() || management.startsWith("${") ? null : management)));
        }
        return brokers.stream();
    }

    private static ConnectionFactory rabbitmq(String uri) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + RABBITMQ_URI + "=" + uri + " is not an AMQP URI such as "
                    + "amqp://guest:guest@127.0.0.1:5673/%2F: " + e.getMessage(), e);
        }
        return bounded(factory);
    }

    /** No recovery (a scenario that expects a closed channel must see it closed), and no endless RPC wait. */
    static ConnectionFactory bounded(ConnectionFactory factory) {
        factory.setAutomaticRecoveryEnabled(false);
        factory.setChannelRpcTimeout((int) Amqp.WAIT.toMillis());
        return factory;
    }

    /** One sandbox for the whole run: starting the broker per scenario would cost seconds each. */
    private static final class SandboxTarget implements AutoCloseable {
        private final Sandbox sandbox = Sandbox.builder().amqp().start();

        SandboxTarget() {
            sandbox.amqp().createVirtualHost(Broker.OTHER_VHOST);
        }

        ConnectionFactory factory() {
            return bounded(sandbox.amqp().connectionFactory());
        }

        Operator operator() {
            return Operator.of(sandbox.amqp());
        }

        String managementUrl() {
            return sandbox.amqp().managementUrl();
        }

        @Override
        public void close() {
            sandbox.close();
        }
    }
}
