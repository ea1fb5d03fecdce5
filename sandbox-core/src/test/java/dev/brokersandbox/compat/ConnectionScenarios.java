package dev.brokersandbox.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.rabbitmq.client.Connection;

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
                            .containsEntry("direct_reply_to", true));
        }
    }
}
