package dev.brokersandbox.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.SaslMechanism;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.AMQConnection;
import com.rabbitmq.client.impl.LongStringHelper;

/** What a connection learns about the broker when it opens. */
class ConnectionScenarios {

    @Scenario
    void aClientThatLeavesTheHeartbeatToTheBrokerGetsSixtySeconds(Broker broker) throws Exception {
        try (Connection connection = broker.connect(factory -> factory.setRequestedHeartbeat(0))) {
            assertThat(connection.getHeartbeat()).isEqualTo(60);
        }
    }

    @Scenario
    void theBrokerSendsAHeartbeatEveryHalfIntervalAndKeepsAClientThatSendsItsOwn(Broker broker) throws Exception {
        try (RawAmqp amqp = broker.connectRaw(1)) {
            int heartbeats = amqp.heartbeatsWithin(Duration.ofSeconds(3), Duration.ofMillis(500));

            // Every half second makes about 6; a heartbeat only after a whole silent second, about 3.
            assertThat(heartbeats).as("heartbeats from the broker in 3 s of a 1 s heartbeat").isGreaterThanOrEqualTo(4);
        }
    }

    @Scenario
    void aWrongPasswordIsRefusedWith403SoTheClientKnowsItWasTheLogin(Broker broker) {
        assertThatThrownBy(() -> broker.connect(factory -> factory.setPassword("not-the-password")).close())
                .isInstanceOf(AuthenticationFailureException.class)
                .hasMessage("ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. "
                        + "For details see the broker logfile.");
        assertThat(broker).as("serves the next client").satisfies(ConnectionScenarios::opens);
    }

    @Scenario
    void aClientCanLogInWithAmqplainAndAWrongAmqplainPasswordIsRefusedWith403(Broker broker) throws Exception {
        try (Connection connection = broker.connect(factory -> factory.setSaslConfig(mechanisms -> amqPlain()))) {
            assertThat(connection.isOpen()).isTrue();
        }
        assertThatThrownBy(() -> broker.connect(factory -> {
            factory.setPassword("not-the-password");
            factory.setSaslConfig(mechanisms -> amqPlain());
        }).close()).isInstanceOf(AuthenticationFailureException.class)
                .hasMessage("ACCESS_REFUSED - Login was refused using authentication mechanism AMQPLAIN. "
                        + "For details see the broker logfile.");
    }

    /** RabbitMQ's AMQPLAIN: LOGIN and PASSWORD as the entries of a field table, sent without its length. */
    private static SaslMechanism amqPlain() {
        return new SaslMechanism() {
            @Override
            public String getName() {
                return "AMQPLAIN";
            }

            @Override
            public LongString handleChallenge(LongString challenge, String username, String password) {
                ByteArrayOutputStream table = new ByteArrayOutputStream();
                entry(table, "LOGIN", username);
                entry(table, "PASSWORD", password);
                return LongStringHelper.asLongString(table.toByteArray());
            }

            private void entry(ByteArrayOutputStream table, String name, String value) {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                table.write(name.length());
                table.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
                table.write('S');
                table.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
                table.writeBytes(bytes);
            }
        };
    }

    @Scenario
    void aWrongPasswordFromAClientWithoutTheAuthenticationFailureCloseCapabilityEndsTheSocket(Broker broker) {
        Map<String, Object> withoutCapabilities = new HashMap<>(AMQConnection.defaultClientProperties());
        withoutCapabilities.remove("capabilities");

        Throwable refusal = catchThrowable(() -> broker.connect(factory -> {
            factory.setPassword("not-the-password");
            factory.setClientProperties(withoutCapabilities);
        }).close());

        assertThat(refusal).isInstanceOf(PossibleAuthenticationFailureException.class)
                .isNotInstanceOf(AuthenticationFailureException.class);
    }

    @Scenario
    void aVirtualHostThatDoesNotExistIsRefusedWith530(Broker broker) {
        Throwable refusal = catchThrowable(() -> broker.connect("no-such-vhost").close());

        assertThat(closeOf(refusal)).isNotNull().satisfies(close -> {
            assertThat(close.getReplyCode()).isEqualTo(530);
            assertThat(close.getReplyText()).isEqualTo("NOT_ALLOWED - vhost no-such-vhost not found");
        });
    }

    private static AMQP.Connection.Close closeOf(Throwable refusal) {
        for (Throwable t = refusal; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException signal && signal.getReason() instanceof AMQP.Connection.Close close) {
                return close;
            }
        }
        return null;
    }

    private static void opens(Broker broker) {
        try (Connection connection = broker.connect()) {
            assertThat(connection.isOpen()).isTrue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Scenario
    void theBrokerIntroducesItselfAsRabbitMq3WithTheCapabilitiesClientsCheck(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Map<String, Object> properties = connection.getServerProperties();

            assertThat(String.valueOf(properties.get("product"))).isEqualTo("RabbitMQ");
            assertThat(String.valueOf(properties.get("version"))).matches("3\\.\\d+\\.\\d+");
            assertThat(properties.get("platform")).isNotNull();
            assertThat(properties.get("capabilities")).isInstanceOfSatisfying(Map.class, capabilities ->
                    assertThat(capabilities).containsEntry("publisher_confirms", true)
                            .containsEntry("exchange_exchange_bindings", true)
                            .containsEntry("basic.nack", true)
                            .containsEntry("consumer_cancel_notify", true)
                            .containsEntry("per_consumer_qos", true)
                            .containsEntry("direct_reply_to", true)
                            .containsEntry("authentication_failure_close", true));
        }
    }
}
