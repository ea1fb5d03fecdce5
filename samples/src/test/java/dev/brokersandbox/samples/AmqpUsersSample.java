package dev.brokersandbox.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.brokersandbox.AmqpAwait;
import dev.brokersandbox.AmqpBroker;
import dev.brokersandbox.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AMQP users with per-virtual-host permissions, refused as RabbitMQ refuses them: a reporting
 * service that may read the orders queue but not publish, a user with no access to a virtual host,
 * and a wrong password. The same as {@code rabbitmqctl add_user} and {@code set_permissions}.
 */
class AmqpUsersSample {

    private static Sandbox sandbox;
    private static AmqpBroker amqp;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.builder().amqp().start();
        amqp = sandbox.amqp();
        amqp.addUser("reporting", "reporting-secret");
        // configure, write, read: regular expressions over queue and exchange names ("" allows nothing)
        amqp.setPermissions("/", "reporting", "", "", "^orders$");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void aUserReadsWhatItsPermissionsAllowAndIsRefusedTheRest() throws Exception {
        // Proves: the read permission lets the user take messages from "orders"; publishing needs write.
        try (Connection admin = amqp.connectionFactory().newConnection()) {
            Channel channel = admin.createChannel();
            channel.queueDeclare("orders", false, false, false, null);
            channel.basicPublish("", "orders", null, "order 1".getBytes(UTF_8));
        }
        try (Connection reporting = connectAs("reporting", "reporting-secret")) {
            Channel channel = reporting.createChannel();
            assertThat(AmqpAwait.messages(channel, "orders", 1, Duration.ofSeconds(10)))
                    .extracting(delivery -> new String(delivery.getBody(), UTF_8)).containsExactly("order 1");

            channel.basicPublish("", "orders", null, "forged".getBytes(UTF_8));
            // The refusal closes the channel; the next call on it fails with it (or finds it closed already).
            assertThatThrownBy(() -> channel.queueDeclarePassive("orders"))
                    .hasStackTraceContaining("reply-code=403, reply-text=ACCESS_REFUSED - access to exchange "
                            + "'amq.default' in vhost '/' refused for user 'reporting'");
        }
    }

    @Test
    void aUserWithoutPermissionsOnAVirtualHostCannotOpenIt() {
        // Proves: permissions are per virtual host; none on "billing" means no connection to it.
        amqp.createVirtualHost("billing");
        ConnectionFactory factory = amqp.connectionFactory("billing");
        factory.setUsername("reporting");
        factory.setPassword("reporting-secret");
        assertThatThrownBy(factory::newConnection).rootCause()
                .hasMessageContaining("reply-code=530, reply-text=NOT_ALLOWED - access to vhost 'billing' refused for "
                        + "user 'reporting'");
    }

    @Test
    void aWrongPasswordIsRefused() {
        // Proves: the broker checks the password, and amqp-client reports it as an authentication failure.
        assertThatThrownBy(() -> connectAs("reporting", "not-the-password"))
                .isInstanceOf(AuthenticationFailureException.class)
                .hasMessageContaining("ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN");
    }

    private static Connection connectAs(String user, String password) throws Exception {
        ConnectionFactory factory = amqp.connectionFactory();
        factory.setUsername(user);
        factory.setPassword(password);
        factory.setAutomaticRecoveryEnabled(false);
        return factory.newConnection();
    }
}
