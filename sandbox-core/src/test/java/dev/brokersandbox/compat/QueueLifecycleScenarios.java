package dev.brokersandbox.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

/** Exclusive, auto-delete and server-named queues. */
class QueueLifecycleScenarios {

    @Scenario
    void aPurgeOrGetRightAfterPublishesOnTheSameChannelSeesThemOnADurableQueue(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare(broker.unique("durable"), true, false, true, null).getQueue();
            AMQP.BasicProperties persistent = new AMQP.BasicProperties.Builder().deliveryMode(2).build();

            for (int round = 0; round < 20; round++) {
                channel.basicPublish("", queue, persistent, "purged".getBytes());
                assertThat(channel.queuePurge(queue).getMessageCount()).as("purge in round %d", round).isEqualTo(1);
                channel.basicPublish("", queue, persistent, "got".getBytes());
                assertThat(channel.basicGet(queue, true)).as("get in round %d", round).isNotNull();
            }
        }
    }

    @Scenario
    void aServerNamedQueueIsNamedAmqGenAndIsExclusiveAndAutoDelete(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            AMQP.Queue.DeclareOk ok = channel.queueDeclare();

            assertThat(ok.getQueue()).startsWith("amq.gen-");
            try (Connection other = broker.connect()) {
                Channel otherChannel = other.createChannel();
                Amqp.Closed closed = Amqp.closedBy(otherChannel, () -> otherChannel.basicGet(ok.getQueue(), true));
                assertThat(closed.code()).as("exclusive to its connection").isEqualTo(405);
            }
        }
    }

    @Scenario
    void anExclusiveQueueUsedFromAnotherConnectionClosesThatChannelWith405(Broker broker) throws Exception {
        try (Connection owner = broker.connect(); Connection other = broker.connect()) {
            Channel channel = owner.createChannel();
            Channel otherChannel = other.createChannel();
            String queue = channel.queueDeclare(broker.unique("exclusive"), false, true, false, null).getQueue();

            Amqp.Closed closed = Amqp.closedBy(otherChannel,
                    () -> otherChannel.basicConsume(queue, true, (tag, d) -> { }, tag -> { }));

            assertThat(closed.code()).isEqualTo(405);
            assertThat(closed.connection()).as("only the channel is closed").isFalse();
            assertThat(other.isOpen()).isTrue();
        }
    }

    @Scenario
    void anExclusiveQueueIsDeletedWhenItsConnectionCloses(Broker broker) throws Exception {
        String queue = broker.unique("exclusive");
        try (Connection owner = broker.connect()) {
            Channel channel = owner.createChannel();
            channel.queueDeclare(queue, false, true, false, null);
        }

        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.queueDeclarePassive(queue));
            assertThat(closed.code()).isEqualTo(404);
        }
    }

    @Scenario
    void aDurableExclusiveQueueIsDeletedWhenItsConnectionCloses(Broker broker) throws Exception {
        assertGoneWithItsConnection(broker, true, false);
    }

    @Scenario
    void anExclusiveAutoDeleteQueueThatNeverHadAConsumerIsDeletedWhenItsConnectionCloses(Broker broker)
            throws Exception {
        assertGoneWithItsConnection(broker, false, true);
    }

    @Scenario
    void anExclusiveQueueIsDeletedWhenItsConnectionIsLostWithoutAClose(Broker broker) throws Exception {
        String queue = broker.unique("exclusive");
        Connection owner = broker.connect();
        owner.createChannel().queueDeclare(queue, true, true, false, null);

        owner.abort(); // the socket goes without connection.close
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Amqp.Closed closed = Amqp.closedBy(channel, () -> awaitGone(channel, queue));
            assertThat(closed.code()).isEqualTo(404);
        }
    }

    /** Declares an exclusive queue, closes its connection, and declares the same name again on a new one. */
    private static void assertGoneWithItsConnection(Broker broker, boolean durable, boolean autoDelete)
            throws Exception {
        String queue = broker.unique("exclusive");
        try (Connection owner = broker.connect()) {
            Channel channel = owner.createChannel();
            channel.queueDeclare(queue, durable, true, autoDelete, null);
            Amqp.publishConfirmed(channel, "", queue, "left behind");
        }

        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.queueDeclarePassive(queue));
            assertThat(closed.code()).as("gone at once, not locked (405) to the closed connection").isEqualTo(404);
            Channel again = connection.createChannel();
            assertThat(again.queueDeclare(queue, durable, true, autoDelete, null).getMessageCount())
                    .as("declared afresh").isZero();
        }
    }

    @Scenario
    void anAutoDeleteQueueIsDeletedWhenItsLastConsumerCancels(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare(broker.unique("auto-delete"), false, false, true, null).getQueue();
            String tag = channel.basicConsume(queue, true, (t, d) -> { }, t -> { });

            channel.basicCancel(tag);

            Amqp.Closed closed = Amqp.closedBy(channel, () -> awaitGone(channel, queue));
            assertThat(closed.code()).isEqualTo(404);
        }
    }

    @Scenario
    void anAutoDeleteQueueThatNeverHadAConsumerStays(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare(broker.unique("auto-delete"), false, false, true, null).getQueue();
            Amqp.publishConfirmed(channel, "", queue, "waiting");

            assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isEqualTo(1);
            channel.queueDelete(queue);
        }
    }

    @Scenario
    void queueDeleteReportsHowManyMessagesItDeleted(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare(broker.unique("q"), false, false, false, null).getQueue();
            Amqp.publishConfirmed(channel, "", queue, "1");
            Amqp.publishConfirmed(channel, "", queue, "2");

            assertThat(channel.queueDelete(queue).getMessageCount()).isEqualTo(2);
        }
    }

    @Scenario
    void aPurgeLeavesWhatWaitsForAcknowledgementAndARecoverBringsItBack(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            Amqp.publishConfirmed(channel, "", queue, "delivered");
            Amqp.publishConfirmed(channel, "", queue, "ready");
            Amqp.await(channel, queue, false); // "delivered", not acknowledged

            assertThat(channel.queuePurge(queue).getMessageCount()).as("only the ready message").isEqualTo(1);
            assertThat(channel.basicGet(queue, true)).isNull();
            channel.basicRecover(true);

            GetResponse recovered = Amqp.await(channel, queue, true);
            assertThat(Amqp.text(recovered)).isEqualTo("delivered");
            assertThat(recovered.getEnvelope().isRedeliver()).isTrue();
        }
    }

    @Scenario
    void queuePurgeEmptiesTheQueueAndReportsTheCount(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            Amqp.publishConfirmed(channel, "", queue, "1");
            Amqp.publishConfirmed(channel, "", queue, "2");

            assertThat(channel.queuePurge(queue).getMessageCount()).isEqualTo(2);
            assertThat(Amqp.drain(channel, queue)).isEmpty();
        }
    }

    /** Passive declares until the queue is gone (auto-delete may take a moment); the 404 ends it. */
    private static void awaitGone(Channel channel, String queue) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Amqp.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            channel.queueDeclarePassive(queue);
            Thread.sleep(10);
        }
    }
}
