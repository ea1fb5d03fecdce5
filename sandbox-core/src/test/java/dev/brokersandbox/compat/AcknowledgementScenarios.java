package dev.brokersandbox.compat;

import static dev.brokersandbox.compat.Amqp.drain;
import static dev.brokersandbox.compat.Amqp.publishConfirmed;
import static dev.brokersandbox.compat.Amqp.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;

/** Acknowledgements, negative acknowledgements and requeueing (RabbitMQ tutorial two, and "Consumer Acknowledgements"). */
class AcknowledgementScenarios {

    @Scenario
    void aMultipleNackWithRequeueGivesBackEveryUnacknowledgedGetUpToTheTagToAConsumerElsewhere(Broker broker)
            throws Exception {
        try (Connection connection = broker.connect()) {
            Channel getter = connection.createChannel();
            Channel consumer = connection.createChannel();
            String queue = getter.queueDeclare().getQueue();
            for (String body : new String[] {"1", "2", "3", "4"}) {
                Amqp.publishConfirmed(getter, "", queue, body);
            }
            long[] tags = new long[4];
            for (int i = 0; i < 4; i++) {
                tags[i] = getter.basicGet(queue, false).getEnvelope().getDeliveryTag();
            }
            getter.basicAck(tags[1], false); // a gap: "2" is settled
            BlockingQueue<String> redelivered = new LinkedBlockingQueue<>();
            consumer.basicConsume(queue, true, (tag, delivery) -> redelivered.add(
                    new String(delivery.getBody()) + (delivery.getEnvelope().isRedeliver() ? " again" : "")), tag -> { });

            getter.basicNack(tags[3], true, true);

            List<String> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String body = redelivered.poll(Amqp.WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(body).as("redelivery %d of 3, after %s", i + 1, got).isNotNull();
                got.add(body);
            }
            assertThat(got).containsExactlyInAnyOrder("1 again", "3 again", "4 again");
        }
    }

    @Scenario
    void anAcknowledgedMessageIsGone(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            publishConfirmed(channel, "", queue, "task");

            GetResponse got = channel.basicGet(queue, false);
            channel.basicAck(got.getEnvelope().getDeliveryTag(), false);

            assertThat(drain(channel, queue)).isEmpty();
        }
    }

    @Scenario
    void anUnacknowledgedMessageIsRedeliveredWithTheRedeliveredFlagWhenItsChannelCloses(Broker broker)
            throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            publishConfirmed(channel, "", queue, "task");
            Channel worker = connection.createChannel();
            GetResponse first = worker.basicGet(queue, false);
            assertThat(first.getEnvelope().isRedeliver()).isFalse();
            worker.close();

            GetResponse again = Amqp.await(channel, queue, true);

            assertThat(text(again)).isEqualTo("task");
            assertThat(again.getEnvelope().isRedeliver()).isTrue();
        }
    }

    @Scenario
    void nackWithRequeueRedeliversTheMessageMarkedRedelivered(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            publishConfirmed(channel, "", queue, "retry me");

            GetResponse first = channel.basicGet(queue, false);
            channel.basicNack(first.getEnvelope().getDeliveryTag(), false, true);
            GetResponse again = Amqp.await(channel, queue, true);

            assertThat(text(again)).isEqualTo("retry me");
            assertThat(again.getEnvelope().isRedeliver()).isTrue();
        }
    }

    @Scenario
    void rejectWithRequeueRedeliversTheMessage(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            publishConfirmed(channel, "", queue, "retry me");

            channel.basicReject(channel.basicGet(queue, false).getEnvelope().getDeliveryTag(), true);

            assertThat(text(Amqp.await(channel, queue, true))).isEqualTo("retry me");
        }
    }

    @Scenario
    void rejectWithoutRequeueDiscardsTheMessageWhenTheQueueHasNoDeadLetterExchange(Broker broker)
            throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            publishConfirmed(channel, "", queue, "poison");

            channel.basicReject(channel.basicGet(queue, false).getEnvelope().getDeliveryTag(), false);

            assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isZero();
            assertThat(drain(channel, queue)).isEmpty();
        }
    }

    @Scenario
    void nackWithoutRequeueDiscardsTheMessageWhenTheQueueHasNoDeadLetterExchange(Broker broker)
            throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            publishConfirmed(channel, "", queue, "poison");

            channel.basicNack(channel.basicGet(queue, false).getEnvelope().getDeliveryTag(), false, false);

            assertThat(drain(channel, queue)).isEmpty();
        }
    }

    @Scenario
    void multipleAckAcknowledgesEveryDeliveryUpToTheTag(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            for (String body : new String[] {"1", "2", "3"}) {
                publishConfirmed(channel, "", queue, body);
            }
            channel.basicGet(queue, false);
            GetResponse second = channel.basicGet(queue, false);

            channel.basicAck(second.getEnvelope().getDeliveryTag(), true);

            assertThat(drain(channel, queue)).containsExactly("3");
        }
    }

    @Scenario
    void ackingAnUnknownDeliveryTagClosesTheChannelWith406(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.basicAck(42, false));

            assertThat(closed.code()).isEqualTo(406);
            assertThat(closed.connection()).as("only the channel is closed").isFalse();
            assertThat(connection.isOpen()).isTrue();
        }
    }

    @Scenario
    void getOkCountsTheMessagesStillReadyAfterThisOne(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            for (String body : new String[] {"1", "2", "3"}) {
                publishConfirmed(channel, "", queue, body);
            }

            GetResponse first = channel.basicGet(queue, false);
            GetResponse second = channel.basicGet(queue, false);

            assertThat(first.getMessageCount()).isEqualTo(2);
            assertThat(second.getMessageCount()).isEqualTo(1);
            assertThat(channel.queueDeclarePassive(queue).getMessageCount())
                    .as("declare-ok counts ready messages, not the two unacknowledged").isEqualTo(1);
        }
    }

    @Scenario
    void aDurableQueueKeepsPublishOrderAcrossPersistentAndTransientMessages(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = broker.unique("orders");
            channel.queueDeclare(queue, true, false, false, null);
            try {
                channel.confirmSelect();
                Amqp.publish(channel, "", queue, MessageProperties.PERSISTENT_TEXT_PLAIN, "p1");
                Amqp.publish(channel, "", queue, MessageProperties.PERSISTENT_TEXT_PLAIN, "p2");
                Amqp.publish(channel, "", queue, MessageProperties.TEXT_PLAIN, "t3");
                channel.waitForConfirmsOrDie(Amqp.WAIT.toMillis());

                assertThat(drain(channel, queue)).containsExactly("p1", "p2", "t3");
            } finally {
                channel.queueDelete(queue);
            }
        }
    }

    @Scenario
    void recoverRedeliversTheUnacknowledgedMessagesMarkedRedelivered(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            publishConfirmed(channel, "", queue, "again");
            assertThat(channel.basicGet(queue, false).getEnvelope().isRedeliver()).isFalse();

            channel.basicRecover(true);
            GetResponse again = Amqp.await(channel, queue, true);

            assertThat(text(again)).isEqualTo("again");
            assertThat(again.getEnvelope().isRedeliver()).isTrue();
        }
    }

    @Scenario
    void recoverWithoutRequeueIsNotImplemented(Broker broker) throws Exception {
        Amqp.Closed closed = Amqp.closedBy(broker, channel -> channel.basicRecover(false));

        assertThat(closed.code()).isEqualTo(540);
        assertThat(closed.connection()).as("a connection error, as 540 is").isTrue();
        assertThat(closed.text()).isEqualTo("NOT_IMPLEMENTED - requeue=false");
    }


    @Scenario
    void autoAckDeliveryIsGoneEvenIfTheConsumerNeverAcknowledges(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            publishConfirmed(channel, "", queue, "at most once");
            Channel consumer = connection.createChannel();
            assertThat(text(consumer.basicGet(queue, true))).isEqualTo("at most once");
            consumer.close();

            assertThat(drain(channel, queue)).isEmpty();
        }
    }
}
