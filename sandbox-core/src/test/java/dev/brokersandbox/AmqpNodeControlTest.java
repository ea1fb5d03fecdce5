package dev.brokersandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.NetworkConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What rabbitmqctl does to a node, done to the sandbox's AMQP broker: list and close connections, stop and start. */
class AmqpNodeControlTest {

    private static Sandbox sandbox;
    private static AmqpBroker amqp;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.builder().amqp().start();
        amqp = sandbox.amqp();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static ConnectionFactory plainFactory() {
        ConnectionFactory factory = amqp.connectionFactory();
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }

    @Test
    void connectionsListsEachOpenConnectionWithItsPeerPortAndTheNameTheClientGaveIt() throws Exception {
        try (Connection named = plainFactory().newConnection("orders-service");
             Connection unnamed = plainFactory().newConnection()) {

            assertThat(amqp.connections()).anySatisfy(c -> {
                assertThat(c.clientProvidedName()).isEqualTo("orders-service");
                assertThat(c.peerPort()).isEqualTo(localPort(named));
                assertThat(c.name()).isEqualTo("127.0.0.1:" + localPort(named) + " -> 127.0.0.1:" + amqp.port());
                assertThat(c.user()).isEqualTo("guest");
                assertThat(c.virtualHost()).isEqualTo("/");
                assertThat(c.id()).matches("<sandbox\\.\\d+>");
            }).anySatisfy(c -> {
                assertThat(c.peerPort()).isEqualTo(localPort(unnamed));
                assertThat(c.clientProvidedName()).isNull();
            });
        }
    }

    @Test
    void closingAConnectionSendsItConnectionForcedWithTheReasonAndLeavesTheOthers() throws Exception {
        Connection doomed = plainFactory().newConnection("doomed");
        try (Connection other = plainFactory().newConnection("other")) {
            CompletableFuture<ShutdownSignalException> shutdown = new CompletableFuture<>();
            doomed.addShutdownListener(shutdown::complete);

            assertThat(amqp.closeConnection("doomed", "Closed via a test")).isTrue();

            AMQP.Connection.Close close = (AMQP.Connection.Close) shutdown.get(10, TimeUnit.SECONDS).getReason();
            assertThat(close.getReplyCode()).isEqualTo(320);
            assertThat(close.getReplyText()).isEqualTo("CONNECTION_FORCED - Closed via a test");
            assertThat(other.isOpen()).isTrue();
            assertThat(amqp.closeConnection("no-such-connection", "x")).isFalse();
        }
    }

    @Test
    void aConnectionCanBeClosedByItsPeerPortAndARecoveringClientReconnects() throws Exception {
        ConnectionFactory factory = amqp.connectionFactory(); // automatic recovery on
        try (Connection connection = factory.newConnection()) {
            int before = localPort(connection);

            amqp.closeConnection(String.valueOf(before), "Closed via a test");

            Channel channel = awaitReopened(connection);
            assertThat(channel.queueDeclare().getQueue()).isNotEmpty();
            assertThat(localPort(connection)).isNotEqualTo(before);
        }
    }

    @Test
    void aStoppedBrokerClosesItsConnectionsAndRefusesNewOnesUntilStarted() throws Exception {
        Connection connection = plainFactory().newConnection();
        CompletableFuture<ShutdownSignalException> shutdown = new CompletableFuture<>();
        connection.addShutdownListener(shutdown::complete);
        try {
            amqp.stop();

            AMQP.Connection.Close close = (AMQP.Connection.Close) shutdown.get(10, TimeUnit.SECONDS).getReason();
            assertThat(close.getReplyCode()).isEqualTo(320);
            assertThat(close.getReplyText())
                    .isEqualTo("CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'");
            assertThatThrownBy(() -> plainFactory().newConnection()).isInstanceOf(IOException.class);
        } finally {
            amqp.start();
        }
        try (Connection again = plainFactory().newConnection()) {
            assertThat(again.isOpen()).isTrue();
        }
    }

    @Test
    void aRestartKeepsDurableQueuesWithTheirBindingsAndDropsTransientOnes() throws Exception {
        try (Connection connection = plainFactory().newConnection()) {
            Channel channel = connection.createChannel();
            channel.queueDeclare("restart-durable", true, false, false, null);
            channel.queueDeclare("restart-transient", false, false, false, null);
            channel.exchangeDeclare("restart-exchange", "direct", true);
            channel.queueBind("restart-durable", "restart-exchange", "key");
        }

        amqp.restart();

        try (Connection connection = plainFactory().newConnection()) {
            Channel channel = connection.createChannel();
            channel.basicPublish("restart-exchange", "key", null, "routed".getBytes(StandardCharsets.UTF_8));
            assertThat(awaitMessage(channel, "restart-durable")).isEqualTo("routed");
            assertThatThrownBy(() -> channel.queueDeclarePassive("restart-transient"))
                    .hasRootCauseInstanceOf(ShutdownSignalException.class).rootCause().hasMessageContaining("404");
            Channel cleanUp = connection.createChannel();
            cleanUp.queueDelete("restart-durable");
            cleanUp.exchangeDelete("restart-exchange");
        }
    }

    @Test
    void aRestartKeepsPersistentMessagesWhenTheSandboxHasADataDirectory(@TempDir Path data) throws Exception {
        try (Sandbox persistent = Sandbox.builder().amqp().dataDirectory(data).start()) {
            AmqpBroker broker = persistent.amqp();
            try (Connection connection = broker.connectionFactory().newConnection()) {
                Channel channel = connection.createChannel();
                channel.queueDeclare("kept", true, false, false, null);
                channel.confirmSelect();
                channel.basicPublish("", "kept", MessageProperties.PERSISTENT_TEXT_PLAIN, "persistent".getBytes());
                channel.waitForConfirmsOrDie(10_000);
            }

            broker.restart();

            ConnectionFactory factory = broker.connectionFactory();
            factory.setAutomaticRecoveryEnabled(false);
            try (Connection connection = factory.newConnection()) {
                assertThat(awaitMessage(connection.createChannel(), "kept")).isEqualTo("persistent");
            }
        }
    }

    @Test
    void aUserTaggedImpersonatorMayPublishWithAnotherUsersUserIdOnItsNextConnection() throws Exception {
        AMQP.BasicProperties someoneElse = new AMQP.BasicProperties.Builder().userId("someone-else").build();
        try (Connection before = plainFactory().newConnection()) {
            Channel channel = before.createChannel();
            channel.basicPublish("amq.fanout", "", someoneElse, new byte[0]);
            // The close may already have arrived (AlreadyClosedException) or come as the answer (IOException).
            assertThatThrownBy(channel::queueDeclare).hasStackTraceContaining("PRECONDITION_FAILED - user_id "
                    + "property set to 'someone-else' but authenticated user was 'guest'");
        }
        amqp.setUserTags("guest", "administrator", "impersonator");
        try (Connection after = plainFactory().newConnection()) {
            Channel channel = after.createChannel();
            channel.basicPublish("amq.fanout", "", someoneElse, new byte[0]);
            assertThat(channel.queueDeclare().getQueue()).isNotEmpty();
            assertThat(amqp.userTags("guest")).containsExactly("administrator", "impersonator");
        } finally {
            amqp.setUserTags("guest", "administrator");
        }
        assertThatThrownBy(() -> amqp.setUserTags("nobody", "impersonator"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("User 'nobody' does not exist; the sandbox has its own user 'guest' and those added with addUser");
    }

    private static String awaitMessage(Channel channel, String queue) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            GetResponse response = channel.basicGet(queue, true);
            if (response != null) {
                return new String(response.getBody(), StandardCharsets.UTF_8);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no message arrived in queue " + queue + " within 10 s");
    }

    /** The client's port: what the broker sees as the connection's peer port. */
    private static int localPort(Connection connection) {
        return ((NetworkConnection) connection).getLocalPort();
    }

    /** A channel on {@code connection} once its automatic recovery has reconnected it. */
    private static Channel awaitReopened(Connection connection) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                return connection.createChannel();
            } catch (Exception e) {
                Thread.sleep(50); // recovering
            }
        }
        throw new AssertionError("the connection did not recover within 10 s");
    }
}
