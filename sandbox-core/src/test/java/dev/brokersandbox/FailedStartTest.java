package dev.brokersandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

/** A broker that cannot start fails {@link Sandbox.Builder#start()} clearly and leaves nothing behind. */
class FailedStartTest {

    @Test
    void amqpPortInUseNamesTheBrokerAndLeavesNoThreadOrTempDir() throws Exception {
        Leftovers before = Leftovers.now();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> Sandbox.builder().amqp().amqpPort(taken.getLocalPort()).start())
                    .isInstanceOf(SandboxException.class)
                    .hasMessageStartingWith("AMQP broker (Qpid Broker-J) failed to start: 127.0.0.1:"
                            + taken.getLocalPort() + " is already in use; set another port with amqpPort(..), "
                            + "or 0 for a free one");
        }
        before.assertNothingNewRemains();
    }

    @Test
    void kafkaPortInUseNamesTheBrokerAndStopsTheOtherBroker() throws Exception {
        Leftovers before = Leftovers.now();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> Sandbox.builder().kafkaPort(taken.getLocalPort()).start())
                    .isInstanceOf(SandboxException.class)
                    .hasMessageStartingWith("Kafka failed to start: 127.0.0.1:" + taken.getLocalPort()
                            + " is already in use; set another port with kafkaPort(..), or 0 for a free one");
        }
        before.assertNothingNewRemains();
    }

    @Test
    void onlyTheBrokerAskedForStarts() {
        try (Sandbox sandbox = Sandbox.builder().amqp().start()) {
            assertThat(sandbox.hasAmqp()).isTrue();
            assertThat(sandbox.hasKafka()).isFalse();
            assertThatThrownBy(sandbox::kafka).isInstanceOf(IllegalStateException.class)
                    .hasMessage("This sandbox runs no Kafka: add .kafka() to Sandbox.builder()");
        }
    }

    @Test
    void closeIsIdempotentAndRemovesEverything() {
        Leftovers before = Leftovers.now();
        Sandbox sandbox = Sandbox.builder().start();
        assertThat(sandbox.hasKafka()).isTrue();
        assertThat(sandbox.hasAmqp()).isTrue();
        sandbox.close();
        sandbox.close();
        before.assertNothingNewRemains();
    }
}
