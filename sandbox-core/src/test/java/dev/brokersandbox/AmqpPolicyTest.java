package dev.brokersandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's own side of policies: setting, listing and refusing them, their virtual host, and
 * a restart. What they do to queues and exchanges is RabbitMQ's behaviour: see PolicyScenarios.
 */
class AmqpPolicyTest {

    private static Sandbox sandbox;
    private static AmqpBroker amqp;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.builder().amqp().start();
        amqp = sandbox.amqp();
        amqp.createVirtualHost("other");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void clearPolicies() {
        for (String vhost : new String[] {"/", "other"}) {
            amqp.policies(vhost).forEach(policy -> amqp.clearPolicy(vhost, policy.name()));
        }
    }

    @Test
    void policiesListsWhatWasSetByNameAndASecondSetOfTheSameNameReplacesTheFirst() {
        amqp.setPolicy("/", AmqpPolicy.of("ttl", "^tmp\\.", Map.of("message-ttl", 100)));
        amqp.setPolicy("/", AmqpPolicy.of("limits", "^capped$", Map.of("max-length", 5, "overflow", "reject-publish"))
                .withPriority(3).appliedTo(AmqpPolicy.AppliesTo.QUEUES));
        amqp.setPolicy("/", AmqpPolicy.of("ttl", "^short\\.", Map.of("message-ttl", 10)));

        assertThat(amqp.policies("/")).containsExactly(
                new AmqpPolicy("limits", "^capped$", Map.of("max-length", 5, "overflow", "reject-publish"), 3,
                        AmqpPolicy.AppliesTo.QUEUES),
                AmqpPolicy.of("ttl", "^short\\.", Map.of("message-ttl", 10)));
        assertThat(amqp.clearPolicy("/", "ttl")).isTrue();
        assertThat(amqp.clearPolicy("/", "ttl")).isFalse();
        assertThat(amqp.policies("/")).extracting(AmqpPolicy::name).containsExactly("limits");
    }

    @Test
    void aKeyTheSandboxDoesNotApplyIsRefusedNamingItAndNothingIsSet() {
        assertThatThrownBy(() -> amqp.setPolicy("/", AmqpPolicy.of("ha", ".*", Map.of("message-ttl", 1, "ha-mode", "all"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Policy 'ha': the sandbox does not apply 'ha-mode'; it applies message-ttl,");
        assertThat(amqp.policies("/")).isEmpty();
    }

    @Test
    void valuesRabbitMqRefusesAreRefusedNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> amqp.setPolicy("/", AmqpPolicy.of("p", ".*", Map.of("message-ttl", -1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Policy 'p': message-ttl must be a non-negative integer, not -1");
        assertThatThrownBy(() -> amqp.setPolicy("/", AmqpPolicy.of("p", ".*", Map.of("expires", "soon"))))
                .hasMessage("Policy 'p': expires must be an integer of at least 1, not soon");
        assertThatThrownBy(() -> amqp.setPolicy("/", AmqpPolicy.of("p", ".*", Map.of("overflow", "drop-tail"))))
                .hasMessageStartingWith("Policy 'p': overflow must be one of");
        assertThatThrownBy(() -> amqp.setPolicy("/", AmqpPolicy.of("p", "(", Map.of("max-length", 1))))
                .hasMessageStartingWith("The pattern of policy 'p' is not a regular expression: ");
        assertThatThrownBy(() -> amqp.setPolicy("/", AmqpPolicy.of("p", ".*", Map.of())))
                .hasMessageStartingWith("The definition of policy 'p' needs at least one key");
        assertThatThrownBy(() -> amqp.setPolicy("nowhere", AmqpPolicy.of("p", ".*", Map.of("max-length", 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Virtual host 'nowhere' does not exist");
        assertThat(amqp.policies("/")).isEmpty();
    }

    @Test
    void aPolicyAppliesOnlyInItsOwnVirtualHost() throws Exception {
        amqp.setPolicy("other", AmqpPolicy.of("capped", "^capped$", Map.of("max-length", 1)));

        try (Connection home = amqp.connectionFactory().newConnection();
             Connection other = amqp.connectionFactory("other").newConnection()) {
            assertThat(publishThreeTo(home.createChannel())).isEqualTo(3);
            assertThat(publishThreeTo(other.createChannel())).isEqualTo(1);
        }
    }

    @Test
    void aSandboxWithADataDirectoryKeepsItsPoliciesOverARestart(@TempDir Path data) throws Exception {
        AmqpPolicy capped = AmqpPolicy.of("capped", "^capped$", Map.of("max-length", 1));
        try (Sandbox first = Sandbox.builder().amqp().dataDirectory(data).start()) {
            first.amqp().setPolicy("/", capped);
        }
        try (Sandbox second = Sandbox.builder().amqp().dataDirectory(data).start();
             Connection connection = second.amqp().connectionFactory().newConnection()) {
            assertThat(second.amqp().policies("/")).containsExactly(capped);
            assertThat(publishThreeTo(connection.createChannel())).isEqualTo(1);
        }
    }

    /** Declares queue {@code capped}, publishes three messages to it and says how many it holds. */
    private static long publishThreeTo(Channel channel) throws Exception {
        channel.queueDeclare("capped", false, true, true, null);
        channel.confirmSelect();
        for (int i = 0; i < 3; i++) {
            channel.basicPublish("", "capped", null, ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        channel.waitForConfirmsOrDie(10_000);
        return channel.messageCount("capped");
    }
}
