package dev.brokersandbox.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

/**
 * Transactions as RabbitMQ keeps them: publishes, acks, rejects and nacks wait for tx.commit; a
 * rollback forgets them without putting any delivery back; what a commit routes is returned then.
 */
class TransactionScenarios {

    @Scenario
    void aRollbackLeavesAcknowledgedDeliveriesUnacknowledgedUnderTheirTags(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            Amqp.publish(channel, "", queue, "first");
            Amqp.publish(channel, "", queue, "second");
            channel.txSelect();
            long first = Amqp.await(channel, queue, false).getEnvelope().getDeliveryTag();
            long second = Amqp.await(channel, queue, false).getEnvelope().getDeliveryTag();
            channel.basicAck(first, false);

            channel.txRollback();

            assertThat(channel.basicGet(queue, false)).as("a rollback puts no delivery back").isNull();
            channel.basicAck(first, false);
            channel.basicAck(second, false);
            channel.txCommit();
            assertThat(channel.isOpen()).as("both tags were still known after the rollback").isTrue();
            channel.close();
            assertThat(connection.createChannel().basicGet(queue, false)).as("both acks were committed").isNull();
        }
    }

    @Scenario
    void rejectsAndNacksWaitForTheCommit(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            Amqp.publish(channel, "", queue, "requeued");
            Amqp.publish(channel, "", queue, "dropped");
            channel.txSelect();
            channel.basicReject(Amqp.await(channel, queue, false).getEnvelope().getDeliveryTag(), true);
            channel.basicNack(Amqp.await(channel, queue, false).getEnvelope().getDeliveryTag(), false, false);

            assertThat(channel.basicGet(queue, false)).as("the requeueing reject waits for the commit").isNull();
            channel.txCommit();

            GetResponse requeued = Amqp.await(channel, queue, true);
            assertThat(Amqp.text(requeued)).isEqualTo("requeued");
            assertThat(requeued.getEnvelope().isRedeliver()).isTrue();
            assertThat(channel.basicGet(queue, true)).as("the nack without requeue dropped its message").isNull();
        }
    }

    @Scenario
    void aRolledBackRejectIsForgottenAndItsDeliveryCanBeAcknowledged(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            Amqp.publish(channel, "", queue, "kept");
            channel.txSelect();
            long tag = Amqp.await(channel, queue, false).getEnvelope().getDeliveryTag();
            channel.basicReject(tag, true);

            channel.txRollback();

            assertThat(channel.basicGet(queue, false)).isNull();
            channel.basicAck(tag, false);
            channel.txCommit();
            channel.close();
            assertThat(connection.createChannel().basicGet(queue, false)).isNull();
        }
    }

    @Scenario
    void settlingADeliveryTwiceInOneTransactionIsAnUnknownDeliveryTag(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            Amqp.publish(channel, "", queue, "once");
            channel.txSelect();
            long tag = Amqp.await(channel, queue, false).getEnvelope().getDeliveryTag();
            channel.basicAck(tag, false);

            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.basicAck(tag, false));

            assertThat(closed).isEqualTo(new Amqp.Closed(406, "PRECONDITION_FAILED - unknown delivery tag " + tag, false));
        }
    }

    @Scenario
    void aRecoverLeavesWhatTheTransactionAcknowledged(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            Amqp.publish(channel, "", queue, "acknowledged");
            Amqp.publish(channel, "", queue, "recovered");
            channel.txSelect();
            channel.basicAck(Amqp.await(channel, queue, false).getEnvelope().getDeliveryTag(), false);
            Amqp.await(channel, queue, false);

            channel.basicRecover(true);

            assertThat(Amqp.drain(channel, queue)).containsExactly("recovered");
        }
    }

    @Scenario
    void anUnroutableMandatoryPublishIsReturnedAtTheCommit(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            BlockingQueue<String> returns = returnsOf(channel);
            channel.txSelect();

            channel.basicPublish("", broker.unique("nowhere"), true, null, "lost".getBytes());
            channel.basicQos(0); // a round trip: a return sent at the publish would be here by now

            assertThat(returns).as("nothing is returned before the commit").isEmpty();
            channel.txCommit();
            assertThat(returns.poll(Amqp.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("312 NO_ROUTE lost");
            assertThat(connection.isOpen()).isTrue();
        }
    }

    @Scenario
    void aPublishWhoseQueueIsDeletedBeforeTheCommitIsReturnedAtTheCommit(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            BlockingQueue<String> returns = returnsOf(channel);
            String queue = channel.queueDeclare(broker.unique("deleted"), false, false, false, null).getQueue();
            channel.txSelect();

            channel.basicPublish("", queue, true, null, "too late".getBytes());
            channel.queueDelete(queue);
            channel.txCommit();

            assertThat(returns.poll(Amqp.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("312 NO_ROUTE too late");
        }
    }

    @Scenario
    void aMessageTtlCountsFromTheCommit(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare("", false, true, true, Map.of("x-message-ttl", 1_000)).getQueue();
            channel.txSelect();

            Amqp.publish(channel, "", queue, "young");
            Thread.sleep(1_500); // longer than the TTL, but before the commit
            channel.txCommit();

            GetResponse response = channel.basicGet(queue, true);
            assertThat(response).as("the message's TTL started at the commit").isNotNull();
            assertThat(Amqp.text(response)).isEqualTo("young");
        }
    }

    @Scenario
    void aPublishToAMissingExchangeIsRefusedAtThePublishNotAtTheCommit(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            channel.txSelect();
            String exchange = broker.unique("missing");

            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.basicPublish(exchange, "", null, new byte[0]));

            assertThat(closed.code()).isEqualTo(404);
            assertThat(closed.text()).startsWith("NOT_FOUND - no exchange '" + exchange + "' in vhost");
        }
    }

    private static BlockingQueue<String> returnsOf(Channel channel) {
        BlockingQueue<String> returns = new ArrayBlockingQueue<>(10);
        channel.addReturnListener(returned -> returns.add(returned.getReplyCode() + " " + returned.getReplyText()
                + " " + new String(returned.getBody())));
        return returns;
    }
}
