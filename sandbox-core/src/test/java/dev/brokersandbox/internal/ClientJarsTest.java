package dev.brokersandbox.internal;

import dev.brokersandbox.SandboxException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A client jar the API cannot work with is named, with the version found and the one needed. */
class ClientJarsTest {

    @Test
    void theClientsOnThisClasspathAreAccepted() {
        assertThatCode(() -> {
            ClientJars.requireKafkaClients();
            ClientJars.requireAmqpClient();
        }).doesNotThrowAnyException();
    }

    @Test
    void aTooOldClientIsNamedWithItsJarTheVersionFoundAndTheVersionNeeded() {
        assertThatThrownBy(() -> ClientJars.require("org.apache.kafka:kafka-clients", "client-jars/old-kafka.properties",
                "version", 3, "3.0"))
                .isInstanceOf(SandboxException.class)
                .hasMessageStartingWith("org.apache.kafka:kafka-clients 2.8.1 is on the classpath (")
                .hasMessageContaining("old-kafka.properties")
                .hasMessageContaining("but Broker Sandbox needs 3.0 or later. Upgrade org.apache.kafka:kafka-clients");
    }

    @Test
    void aMissingClientIsNamedWithWhatToAdd() {
        assertThatThrownBy(() -> ClientJars.require("com.rabbitmq:amqp-client", "client-jars/absent.properties",
                "version", 5, "5.0"))
                .isInstanceOf(SandboxException.class)
                .hasMessage("com.rabbitmq:amqp-client is not on the classpath: the sandbox hands out its clients. "
                        + "Add com.rabbitmq:amqp-client 5.0 or later to your test dependencies.");
    }
}
