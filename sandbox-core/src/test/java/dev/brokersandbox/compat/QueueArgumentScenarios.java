package dev.brokersandbox.compat;

import static dev.brokersandbox.compat.Amqp.drain;
import static dev.brokersandbox.compat.Amqp.publishConfirmed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;

/** Queue arguments (x-message-ttl, x-max-length, x-overflow, x-max-priority, x-queue-type, ...) and per-message TTL. */
class QueueArgumentScenarios {

    @Scenario
    void aQueueWithMessageTtlDropsWhatWasNotConsumedInTime(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = declare(broker, channel, Map.of("x-message-ttl", 50));
            publishConfirmed(channel, "", queue, "short-lived");

            Amqp.awaitEmpty(channel, queue);

            assertThat(channel.basicGet(queue, true)).isNull();
        }
    }

    @Scenario
    void aMessageTtlOfZeroDropsAMessageNoConsumerTakesAtOnce(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = declare(broker, channel, Map.of("x-message-ttl", 0));
            publishConfirmed(channel, "", queue, "now or never");

            Amqp.awaitEmpty(channel, queue);

            assertThat(channel.basicGet(queue, true)).isNull();
        }
    }

    @Scenario
    void aMessageTtlOfZeroDeliversToAConsumerThatCanTakeItAndExpiresWhatComesBack(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = declare(broker, channel, Map.of("x-message-ttl", 0));
            BlockingQueue<Long> deliveries = new LinkedBlockingQueue<>();
            channel.basicConsume(queue, false, (tag, delivery) -> deliveries.add(delivery.getEnvelope().getDeliveryTag()),
                    tag -> { });

            Amqp.publish(channel, "", queue, "taken at once");
            Long tag = deliveries.poll(Amqp.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(tag).as("a consumer with room takes a TTL-0 message").isNotNull();
            channel.basicReject(tag, true);

            assertThat(deliveries.poll(300, TimeUnit.MILLISECONDS)).as("a requeued TTL-0 message expires").isNull();
        }
    }

    @Scenario
    void aMessageWithExpirationZeroIsDroppedUnlessAConsumerCanTakeItAtOnce(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = declare(broker, channel, Map.of());

            Amqp.publish(channel, "", queue, expiring("0"), "now or never");
            assertThat(channel.basicGet(queue, true)).as("no consumer was there to take it").isNull();

            BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
            channel.basicConsume(queue, false, (tag, delivery) -> deliveries.add(delivery), tag -> { });
            Amqp.publish(channel, "", queue, expiring("0"), "taken");
            Delivery taken = deliveries.poll(Amqp.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(taken).as("a consumer could take it").isNotNull();
            assertThat(taken.getProperties().getExpiration()).as("with the expiration it was published with")
                    .isEqualTo("0");
            channel.basicReject(taken.getEnvelope().getDeliveryTag(), true);

            assertThat(deliveries.poll(300, TimeUnit.MILLISECONDS)).as("a requeued TTL-0 message expires").isNull();
        }
    }

    @Scenario
    void aConsumerReceivesTheExpirationAMessageWasPublishedWith(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = declare(broker, channel, Map.of());

            Amqp.publish(channel, "", queue, expiring("60000"), "a minute");

            assertThat(Amqp.await(channel, queue, true).getProps().getExpiration()).isEqualTo("60000");
        }
    }

    @Scenario
    void perMessageExpirationIsATimeToLiveInMilliseconds(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = declare(broker, channel, Map.of());
            channel.confirmSelect();

            Amqp.publish(channel, "", queue, expiring("60000"), "a minute");
            Amqp.publish(channel, "", queue, expiring("20"), "a moment");
            channel.waitForConfirmsOrDie(Amqp.WAIT.toMillis());
            long deadline = System.nanoTime() + Amqp.WAIT.toNanos();
            while (channel.queueDeclarePassive(queue).getMessageCount() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }

            assertThat(drain(channel, queue)).containsExactly("a minute");
        }
    }

    @Scenario
    void maxLengthDropsTheOldestMessagesByDefault(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = declare(broker, channel, Map.of("x-max-length", 2));

            for (String body : new String[] {"1", "2", "3", "4"}) {
                publishConfirmed(channel, "", queue, body);
            }

            assertThat(drain(channel, queue)).containsExactly("3", "4");
        }
    }

    @Scenario
    void aBasicGetRightBehindThePublishesSeesWhatMaxLengthLeft(Broker broker) throws Exception {
        String queue = broker.unique("limited");
        try (Connection connection = broker.connect()) {
            connection.createChannel().queueDeclare(queue, false, false, false, Map.of("x-max-length", 1));
        }
        try (RawAmqp amqp = broker.connectRaw(); Connection connection = broker.connect()) {
            amqp.together(frames -> {
                frames.publish(queue).header(60, 5).body("first");
                frames.publish(queue).header(60, 6).body("second");
                frames.get(queue, true);
            });

            assertThat(amqp.awaitGet()).as("the get read in the same batch as the publishes").isEqualTo("second");
            connection.createChannel().queueDelete(queue);
        }
    }

    @Scenario
    void aRequeueOverMaxLengthDropsTheOldestBeforeTheNextMethod(Broker broker) throws Exception {
        String queue = broker.unique("limited");
        try (Connection connection = broker.connect()) {
            connection.createChannel().queueDeclare(queue, false, false, false, Map.of("x-max-length", 1));
        }
        try (RawAmqp amqp = broker.connectRaw(); Connection connection = broker.connect()) {
            amqp.together(frames -> frames.publish(queue).header(60, 5).body("taken").get(queue, false));
            assertThat(amqp.awaitGet()).isEqualTo("taken"); // delivery tag 1, the channel's first

            amqp.together(frames -> {
                frames.publish(queue).header(60, 7).body("waiting");
                frames.nack(1, true);
                frames.get(queue, true).get(queue, true);
            });

            assertThat(amqp.awaitGet()).as("one message is left").isNotNull();
            assertThat(amqp.awaitGet()).as("none behind it").isNull();
            connection.createChannel().queueDelete(queue);
        }
    }

    @Scenario
    void maxLengthBytesDropsTheOldestMessagesToFitTheirBodies(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = declare(broker, channel, Map.of("x-max-length-bytes", 10));

            for (String body : new String[] {"aaaaa", "bbbbb", "ccccc"}) {
                publishConfirmed(channel, "", queue, body);
            }

            assertThat(drain(channel, queue)).containsExactly("bbbbb", "ccccc");
        }
    }

    @Scenario
    void maxLengthCountsReadyMessagesOnlyNotUnacknowledgedOnes(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = declare(broker, channel, Map.of("x-max-length", 1));
            publishConfirmed(channel, "", queue, "being worked on");
            channel.basicGet(queue, false); // delivered, not acknowledged

            publishConfirmed(channel, "", queue, "waiting");

            assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isEqualTo(1);
            assertThat(drain(channel, queue)).containsExactly("waiting");
        }
    }

    @Scenario
    void rejectPublishOverflowNacksWhatDoesNotFitAndKeepsTheRest(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = declare(broker, channel, Map.of("x-max-length", 2, "x-overflow", "reject-publish"));
            Amqp.Confirms confirms = Amqp.Confirms.of(channel);

            for (String body : new String[] {"1", "2", "3"}) {
                Amqp.publish(channel, "", queue, body);
            }
            channel.waitForConfirms(Amqp.WAIT.toMillis());

            assertThat(confirms.outcomes()).contains("nack 3").doesNotContain("nack 1", "nack 2");
            assertThat(drain(channel, queue)).containsExactly("1", "2");
        }
    }

    @Scenario
    void aFullRejectPublishQueueDoesNotKeepAMessageFromTheOtherQueuesItIsRoutedTo(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String fanout = broker.unique("fanout");
            channel.exchangeDeclare(fanout, "fanout", false, true, null);
            String full = declare(broker, channel, Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
            String roomy = declare(broker, channel, Map.of());
            channel.queueBind(full, fanout, "");
            channel.queueBind(roomy, fanout, "");
            Amqp.Confirms confirms = Amqp.Confirms.of(channel);

            for (String body : new String[] {"1", "2", "3"}) {
                Amqp.publish(channel, fanout, "", body);
            }
            channel.waitForConfirms(Amqp.WAIT.toMillis());

            // RabbitMQ may send the nacks before the ack (seen on 3.10.8): the outcome of each publish is the behaviour.
            assertThat(confirms.outcomes()).containsExactlyInAnyOrder("ack 1", "nack 2", "nack 3");
            assertThat(drain(channel, full)).containsExactly("1");
            assertThat(drain(channel, roomy)).containsExactly("1", "2", "3");
        }
    }

    @Scenario
    void argumentsRabbitMQHasNoUseForHereAreAcceptedAndTheQueueWorks(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            for (Map<String, Object> arguments : List.<Map<String, Object>>of(Map.of("x-queue-mode", "lazy"),
                    Map.of("x-queue-type", "quorum", "x-delivery-limit", 5), Map.of("x-application-tag", "billing"))) {
                String queue = channel.queueDeclare(broker.unique("q"), true, false, false, arguments).getQueue();
                try {
                    publishConfirmed(channel, "", queue, "kept");

                    assertThat(drain(channel, queue)).as("%s", arguments).containsExactly("kept");
                } finally {
                    channel.queueDelete(queue);
                }
            }
        }
    }

    @Scenario
    void aQueueUnusedForItsExpiresTimeIsDeleted(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare(broker.unique("idle"), false, false, false,
                    Map.of("x-expires", 200)).getQueue();

            Thread.sleep(1_000); // five times x-expires, untouched

            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.queueDeclarePassive(queue));
            assertThat(closed.code()).as("the queue is gone").isEqualTo(404);
        }
    }

    @Scenario
    void aQueueWithAConsumerOutlivesItsExpiresTime(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare(broker.unique("busy"), false, false, false,
                    Map.of("x-expires", 200)).getQueue();
            String tag = connection.createChannel().basicConsume(queue, true, (t, d) -> { }, t -> { });

            Thread.sleep(1_000); // five times x-expires, with a consumer all along

            assertThat(channel.queueDeclarePassive(queue).getConsumerCount()).isEqualTo(1);
            channel.queueDelete(queue);
        }
    }

    @Scenario
    void aPriorityQueueDeliversHigherPrioritiesFirst(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = declare(broker, channel, Map.of("x-max-priority", 10));
            channel.confirmSelect();

            Amqp.publish(channel, "", queue, priority(1), "low");
            Amqp.publish(channel, "", queue, priority(9), "high");
            Amqp.publish(channel, "", queue, priority(5), "middle");
            channel.waitForConfirmsOrDie(Amqp.WAIT.toMillis());

            assertThat(drain(channel, queue)).containsExactly("high", "middle", "low");
        }
    }

    @Scenario
    void aQuorumQueueDeclaresAndWorksLikeAQueue(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = broker.unique("quorum");
            channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
            try {
                publishConfirmed(channel, "", queue, "replicated elsewhere");

                assertThat(drain(channel, queue)).containsExactly("replicated elsewhere");
            } finally {
                channel.queueDelete(queue);
            }
        }
    }

    @Scenario
    void singleActiveConsumerDeliversToOneConsumerOnly(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = declare(broker, channel, Map.of("x-single-active-consumer", true));
            List<String> first = Collections.synchronizedList(new ArrayList<>());
            List<String> second = Collections.synchronizedList(new ArrayList<>());
            connection.createChannel().basicConsume(queue, true, (t, d) -> first.add(new String(d.getBody())), t -> { });
            connection.createChannel().basicConsume(queue, true, (t, d) -> second.add(new String(d.getBody())), t -> { });

            for (int i = 1; i <= 4; i++) {
                publishConfirmed(channel, "", queue, String.valueOf(i));
            }
            long deadline = System.nanoTime() + Amqp.WAIT.toNanos();
            while (first.size() + second.size() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }

            assertThat(first).containsExactly("1", "2", "3", "4");
            assertThat(second).isEmpty();
        }
    }

    private static String declare(Broker broker, Channel channel, Map<String, Object> arguments) throws Exception {
        return channel.queueDeclare(broker.unique("q"), false, true, false, arguments).getQueue();
    }

    private static AMQP.BasicProperties expiring(String expiration) {
        return new AMQP.BasicProperties.Builder().expiration(expiration).build();
    }

    private static AMQP.BasicProperties priority(int priority) {
        return new AMQP.BasicProperties.Builder().priority(priority).build();
    }
}
