package dev.brokersandbox.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;

/**
 * Users and their permissions (rabbitmqctl add_user, set_permissions): a user may open only a
 * virtual host it has permissions on, and each operation needs configure, write or read on the
 * queues and exchanges it touches, found by regular expression; a refusal closes the channel with
 * RabbitMQ's 403 text naming the resource, the virtual host and the user.
 */
class PermissionScenarios {

    @Scenario
    void aUserWithoutPermissionsOnAVirtualHostCannotOpenIt(Broker broker) throws Exception {
        try (Broker.User user = broker.user(null, null, null)) {
            Throwable refused = catchThrowable(user::connect);

            AMQP.Connection.Close close = (AMQP.Connection.Close) signal(refused).getReason();
            assertThat(close.getReplyCode()).isEqualTo(530);
            assertThat(close.getReplyText())
                    .isEqualTo("NOT_ALLOWED - access to vhost '/' refused for user '" + user.name() + "'");
        }
    }

    @Scenario
    void declaringAQueueNeedsConfigureOnItsName(Broker broker) throws Exception {
        String prefix = broker.unique("perm");
        try (Broker.User user = broker.user("^" + prefix + "\\.mine", ".*", ".*");
             Connection connection = user.connect()) {
            Channel channel = connection.createChannel();
            channel.queueDeclare(prefix + ".mine", false, true, true, null);

            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.queueDeclare(prefix + ".other", false, true,
                    true, null));
            assertThat(closed).isEqualTo(new Amqp.Closed(403, "ACCESS_REFUSED - access to queue '" + prefix
                    + ".other' in vhost '/' refused for user '" + user.name() + "'", false));
        }
    }

    @Scenario
    void publishingNeedsWriteOnTheExchangeAndTheDefaultExchangeIsAmqDefault(Broker broker) throws Exception {
        String prefix = broker.unique("perm");
        try (Broker.User user = broker.user(".*", "^amq\\.fanout$", ".*"); Connection connection = user.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare(prefix + ".q", false, true, true, null).getQueue();
            channel.basicPublish("amq.fanout", "", null, "allowed".getBytes(StandardCharsets.UTF_8));

            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.basicPublish("", queue, null,
                    "refused".getBytes(StandardCharsets.UTF_8)));
            assertThat(closed).isEqualTo(new Amqp.Closed(403, "ACCESS_REFUSED - access to exchange 'amq.default' "
                    + "in vhost '/' refused for user '" + user.name() + "'", false));
        }
    }

    @Scenario
    void consumingAndGettingNeedReadOnTheQueue(Broker broker) throws Exception {
        String prefix = broker.unique("perm");
        try (Broker.User user = broker.user(".*", ".*", ""); Connection connection = user.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare(prefix + ".q", false, true, true, null).getQueue();
            String refusal = "ACCESS_REFUSED - access to queue '" + queue + "' in vhost '/' refused for user '"
                    + user.name() + "'";

            assertThat(Amqp.closedBy(channel, () -> channel.basicGet(queue, true)))
                    .isEqualTo(new Amqp.Closed(403, refusal, false));
            Channel again = connection.createChannel();
            assertThat(Amqp.closedBy(again, () -> again.basicConsume(queue, true, (tag, d) -> { }, tag -> { })))
                    .isEqualTo(new Amqp.Closed(403, refusal, false));
        }
    }

    @Scenario
    void bindingNeedsWriteOnTheQueueAndReadOnTheExchange(Broker broker) throws Exception {
        String prefix = broker.unique("perm");
        try (Broker.User user = broker.user(".*", "^" + prefix + "\\.q$", "^amq\\.direct$");
             Connection connection = user.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare(prefix + ".q", false, true, true, null).getQueue();
            String other = channel.queueDeclare(prefix + ".other", false, true, true, null).getQueue();
            channel.queueBind(queue, "amq.direct", "key");

            assertThat(Amqp.closedBy(channel, () -> channel.queueBind(other, "amq.direct", "key")))
                    .isEqualTo(new Amqp.Closed(403, "ACCESS_REFUSED - access to queue '" + other + "' in vhost '/' "
                            + "refused for user '" + user.name() + "'", false));
            Channel again = connection.createChannel();
            assertThat(Amqp.closedBy(again, () -> again.queueBind(queue, "amq.topic", "key")))
                    .isEqualTo(new Amqp.Closed(403, "ACCESS_REFUSED - access to exchange 'amq.topic' in vhost '/' "
                            + "refused for user '" + user.name() + "'", false));
        }
    }

    private static ShutdownSignalException signal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException signal) {
                return signal;
            }
        }
        throw new AssertionError("expected the connection to be refused, got " + e, e);
    }
}
