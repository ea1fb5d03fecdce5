package dev.brokersandbox.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.AMQP;

/** Consumers: round-robin dispatch, prefetch, and cancellation. */
class ConsumerScenarios {

    @Scenario
    void aConsumerPriorityThatIsNotAnIntegerClosesTheChannelWith406(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();

            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.basicConsume(queue, true,
                    Map.of("x-priority", "banana"), (tag, d) -> { }, tag -> { }));

            assertThat(closed).isEqualTo(new Amqp.Closed(406, "PRECONDITION_FAILED - invalid arg 'x-priority' for queue '"
                    + queue + "' in vhost '/': \"expected integer, got longstr\"", false));
        }
    }

    @Scenario
    void aConsumerPriorityThatIsATableOrAnArrayClosesTheChannelWith406AndTheConnectionStays(Broker broker)
            throws Exception {
        try (Connection connection = broker.connect()) {
            Map<Object, String> refused = Map.of(new HashMap<String, Object>(), "table", List.of(1, 2, 3), "array");
            for (Map.Entry<Object, String> priority : refused.entrySet()) {
                Channel channel = connection.createChannel();
                String queue = channel.queueDeclare().getQueue();

                Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.basicConsume(queue, true,
                        Map.of("x-priority", priority.getKey()), (tag, d) -> { }, tag -> { }));

                assertThat(closed).isEqualTo(new Amqp.Closed(406, "PRECONDITION_FAILED - invalid arg 'x-priority' for "
                        + "queue '" + queue + "' in vhost '/': \"expected integer, got " + priority.getValue() + "\"", false));
            }
        }
    }

    @Scenario
    void consumersOfOneChannelAreServedByPriority(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            List<String> got = Collections.synchronizedList(new ArrayList<>());
            channel.basicConsume(queue, false, (tag, d) -> got.add("default"), tag -> { });
            String high = channel.basicConsume(queue, false, Map.of("x-priority", 1), (tag, d) -> got.add("high"), tag -> { });
            channel.basicConsume(queue, false, Map.of("x-priority", -1), (tag, d) -> got.add("low"), tag -> { });

            for (int i = 0; i < 10; i++) {
                channel.basicPublish("", queue, null, new byte[0]);
            }
            awaitSize(got, 10);
            channel.basicCancel(high);
            for (int i = 0; i < 10; i++) {
                channel.basicPublish("", queue, null, new byte[0]);
            }
            awaitSize(got, 20);

            assertThat(got.subList(0, 10)).containsOnly("high");
            assertThat(got.subList(10, 20)).containsOnly("default");
        }
    }

    @Scenario
    void aConsumerTagTheBrokerMakesUpIsAmqCtagAndUniqueAcrossChannels(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel first = connection.createChannel();
            Channel second = connection.createChannel();
            String queue = first.queueDeclare().getQueue();

            String firstTag = first.basicConsume(queue, true, (t, d) -> { }, t -> { });
            String secondTag = second.basicConsume(queue, true, (t, d) -> { }, t -> { });

            assertThat(firstTag).startsWith("amq.ctag-");
            assertThat(secondTag).startsWith("amq.ctag-").isNotEqualTo(firstTag);
        }
    }

    @Scenario
    void twoConsumersOfOneQueueShareItsMessagesRoundRobin(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Channel first = connection.createChannel();
            Channel second = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            List<String> a = Collections.synchronizedList(new ArrayList<>());
            List<String> b = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch all = new CountDownLatch(4);
            first.basicConsume(queue, true, (tag, d) -> { a.add(new String(d.getBody())); all.countDown(); }, tag -> { });
            second.basicConsume(queue, true, (tag, d) -> { b.add(new String(d.getBody())); all.countDown(); }, tag -> { });

            for (int i = 1; i <= 4; i++) {
                Amqp.publishConfirmed(channel, "", queue, String.valueOf(i));
            }

            assertThat(all.await(Amqp.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(a).hasSize(2);
            assertThat(b).hasSize(2);
        }
    }

    @Scenario
    void prefetchOneHoldsBackTheNextMessageUntilTheFirstIsAcknowledged(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Channel worker = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            Amqp.publishConfirmed(channel, "", queue, "1");
            Amqp.publishConfirmed(channel, "", queue, "2");
            worker.basicQos(1);
            List<Long> tags = Collections.synchronizedList(new ArrayList<>());
            worker.basicConsume(queue, false, (tag, d) -> tags.add(d.getEnvelope().getDeliveryTag()), tag -> { });

            awaitSize(tags, 1);
            assertThat(channel.queueDeclarePassive(queue).getMessageCount()).as("ready while one is unacked").isEqualTo(1);
            worker.basicAck(tags.get(0), false);
            awaitSize(tags, 2);
        }
    }

    @Scenario
    void globalQosSharesThePrefetchAmongTheChannelsConsumers(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Channel worker = connection.createChannel();
            String first = channel.queueDeclare().getQueue();
            String second = channel.queueDeclare().getQueue();
            Amqp.publishConfirmed(channel, "", first, "a");
            Amqp.publishConfirmed(channel, "", second, "b");
            worker.basicQos(1, true);
            List<String> got = Collections.synchronizedList(new ArrayList<>());
            worker.basicConsume(first, false, (tag, d) -> got.add(new String(d.getBody())), tag -> { });
            worker.basicConsume(second, false, (tag, d) -> got.add(new String(d.getBody())), tag -> { });

            awaitSize(got, 1);
            Thread.sleep(200); // a second delivery would break the channel-wide limit of one
            assertThat(got).hasSize(1);
        }
    }

    @Scenario
    void aPerConsumerPrefetchLimitsEachConsumerOfTheChannelOnItsOwn(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Channel worker = connection.createChannel();
            String first = channel.queueDeclare().getQueue();
            String second = channel.queueDeclare().getQueue();
            for (String body : new String[] {"a1", "a2"}) {
                Amqp.publishConfirmed(channel, "", first, body);
            }
            for (String body : new String[] {"b1", "b2"}) {
                Amqp.publishConfirmed(channel, "", second, body);
            }
            worker.basicQos(1); // global=false: one unacknowledged message per consumer
            List<String> got = Collections.synchronizedList(new ArrayList<>());
            List<Long> tagsOfFirst = Collections.synchronizedList(new ArrayList<>());
            worker.basicConsume(first, false, (tag, d) -> {
                got.add(new String(d.getBody()));
                tagsOfFirst.add(d.getEnvelope().getDeliveryTag());
            }, tag -> { });
            worker.basicConsume(second, false, (tag, d) -> got.add(new String(d.getBody())), tag -> { });

            awaitSize(got, 2);
            Thread.sleep(200); // a third delivery would break a consumer's limit of one
            assertThat(got).containsExactlyInAnyOrder("a1", "b1");

            worker.basicAck(tagsOfFirst.get(0), false);
            awaitSize(got, 3);
            Thread.sleep(200);
            assertThat(got).containsExactlyInAnyOrder("a1", "b1", "a2");
        }
    }

    @Scenario
    void aPerConsumerPrefetchAppliesOnlyToConsumersStartedAfterIt(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Channel worker = connection.createChannel();
            String early = channel.queueDeclare().getQueue();
            String late = channel.queueDeclare().getQueue();
            for (int i = 1; i <= 3; i++) {
                Amqp.publishConfirmed(channel, "", early, "e" + i);
                Amqp.publishConfirmed(channel, "", late, "l" + i);
            }
            List<String> ofEarly = Collections.synchronizedList(new ArrayList<>());
            List<String> ofLate = Collections.synchronizedList(new ArrayList<>());
            worker.basicConsume(early, false, (tag, d) -> ofEarly.add(new String(d.getBody())), tag -> { });
            awaitSize(ofEarly, 3);

            worker.basicQos(2);
            worker.basicConsume(late, false, (tag, d) -> ofLate.add(new String(d.getBody())), tag -> { });

            awaitSize(ofLate, 2);
            Thread.sleep(200);
            assertThat(ofLate).containsExactly("l1", "l2");
            assertThat(ofEarly).containsExactly("e1", "e2", "e3");
        }
    }

    @Scenario
    void aGlobalPrefetchSetAfterAPerConsumerOneAppliesOnTopOfIt(Broker broker) throws Exception {
        List<String> got = consumeThreeQueuesOfTwoMessages(broker, worker -> {
            worker.basicQos(1, false); // each consumer: one
            worker.basicQos(2, true);  // the channel: two unacknowledged in all
        });

        assertThat(got).hasSize(2);
        assertThat(got.get(0).charAt(0)).isNotEqualTo(got.get(1).charAt(0)); // two consumers, one each
    }

    @Scenario
    void aPerConsumerPrefetchSetAfterAGlobalOneRemovesTheGlobalOne(Broker broker) throws Exception {
        List<String> got = consumeThreeQueuesOfTwoMessages(broker, worker -> {
            worker.basicQos(2, true);
            worker.basicQos(1, false); // RabbitMQ lifts the channel's limit here
        });

        assertThat(got).extracting(body -> body.charAt(0)).containsExactlyInAnyOrder('0', '1', '2');
    }

    /** Three queues of two messages, each consumed (with acknowledgements) on one channel set up by {@code qos}. */
    private static List<String> consumeThreeQueuesOfTwoMessages(Broker broker, Amqp.ChannelAction qos) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Channel worker = connection.createChannel();
            List<String> queues = new ArrayList<>();
            for (int q = 0; q < 3; q++) {
                String queue = channel.queueDeclare().getQueue();
                queues.add(queue);
                Amqp.publishConfirmed(channel, "", queue, q + "-1");
                Amqp.publishConfirmed(channel, "", queue, q + "-2");
            }
            qos.run(worker);
            List<String> got = Collections.synchronizedList(new ArrayList<>());
            for (String queue : queues) {
                worker.basicConsume(queue, false, (tag, d) -> got.add(new String(d.getBody())), tag -> { });
            }
            awaitSize(got, 2);
            Thread.sleep(200); // time for deliveries beyond the limits to arrive
            return List.copyOf(got);
        }
    }

    @Scenario
    void aPrefetchThatRejectedMessagesGiveBackIsUsedAgain(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Channel worker = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            for (String body : new String[] {"1", "2", "3"}) {
                Amqp.publishConfirmed(channel, "", queue, body);
            }
            worker.basicQos(1);
            List<String> got = Collections.synchronizedList(new ArrayList<>());
            worker.basicConsume(queue, false, (tag, d) -> {
                got.add(new String(d.getBody()));
                worker.basicReject(d.getEnvelope().getDeliveryTag(), false);
            }, tag -> { });

            awaitSize(got, 3);
            assertThat(got).containsExactly("1", "2", "3");
        }
    }

    @Scenario
    void aBasicGetFindsNothingThatAConsumerWithoutPrefetchTakes(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            BlockingQueue<String> consumed = new LinkedBlockingQueue<>();
            channel.basicConsume(queue, true, (tag, d) -> consumed.add(new String(d.getBody())), tag -> { });

            channel.basicPublish("", queue, null, "pushed".getBytes());
            GetResponse got = channel.basicGet(queue, true);

            assertThat(got).as("the consumer was pushed the message first").isNull();
            assertThat(consumed.poll(Amqp.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("pushed");
        }
    }

    @Scenario
    void aNoAckConsumerWaitsWhileTheChannelsGlobalPrefetchIsUsedUp(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String acked = channel.queueDeclare().getQueue();
            String unacked = channel.queueDeclare().getQueue();
            channel.basicQos(1, true);
            BlockingQueue<Long> ackedTags = new LinkedBlockingQueue<>();
            BlockingQueue<String> noAck = new LinkedBlockingQueue<>();
            channel.basicConsume(acked, false, (tag, d) -> ackedTags.add(d.getEnvelope().getDeliveryTag()), tag -> { });
            channel.basicConsume(unacked, true, (tag, d) -> noAck.add(new String(d.getBody())), tag -> { });
            Amqp.publishConfirmed(channel, "", acked, "holds the prefetch");
            long held = take(ackedTags, 1).get(0);

            Amqp.publishConfirmed(channel, "", unacked, "waits");
            assertThat(noAck.poll(500, TimeUnit.MILLISECONDS)).as("while the prefetch is used up").isNull();
            channel.basicAck(held, false);

            assertThat(noAck.poll(Amqp.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("waits");
        }
    }

    @Scenario
    void aGlobalPrefetchGoesRoundTheChannelsConsumersInTurn(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            for (int i = 0; i < 10; i++) {
                Amqp.publishConfirmed(channel, "", queue, String.valueOf(i));
            }
            channel.basicQos(1, true);
            Map<String, Integer> counts = new java.util.concurrent.ConcurrentHashMap<>();
            CountDownLatch all = new CountDownLatch(10);
            for (String consumer : new String[] {"first", "second"}) {
                channel.basicConsume(queue, false, consumer, (tag, d) -> {
                    counts.merge(tag, 1, Integer::sum);
                    channel.basicAck(d.getEnvelope().getDeliveryTag(), false);
                    all.countDown();
                }, tag -> { });
            }

            assertThat(all.await(Amqp.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(counts).as("each consumer had a share").containsKeys("first", "second");
        }
    }

    @Scenario
    void aMultipleNackFreesThePrefetchOfEachDeliveryItSettles(Broker broker) throws Exception {
        for (boolean requeue : new boolean[] {false, true}) {
            try (Connection connection = broker.connect()) {
                Channel channel = connection.createChannel();
                String queue = channel.queueDeclare().getQueue();
                for (int i = 0; i < 15; i++) {
                    Amqp.publishConfirmed(channel, "", queue, String.valueOf(i));
                }
                channel.basicQos(5);
                BlockingQueue<Long> tags = new LinkedBlockingQueue<>();
                channel.basicConsume(queue, false, (tag, d) -> tags.add(d.getEnvelope().getDeliveryTag()), tag -> { });
                List<Long> first = take(tags, 5);
                channel.basicAck(channel.basicGet(queue, false).getEnvelope().getDeliveryTag(), false);

                channel.basicNack(first.get(4), true, requeue);

                assertThat(take(tags, 5)).as("requeue=%s: five more deliveries", requeue).hasSize(5);
            }
        }
    }

    private static List<Long> take(BlockingQueue<Long> tags, int count) throws InterruptedException {
        List<Long> taken = new ArrayList<>();
        while (taken.size() < count) {
            Long tag = tags.poll(Amqp.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (tag == null) {
                throw new AssertionError("only " + taken.size() + " of " + count + " deliveries arrived");
            }
            taken.add(tag);
        }
        return taken;
    }

    @Scenario
    void anAcknowledgementInATransactionFreesThePrefetchOnlyOnCommit(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Channel worker = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            Amqp.publishConfirmed(channel, "", queue, "1");
            Amqp.publishConfirmed(channel, "", queue, "2");
            worker.basicQos(1);
            worker.txSelect();
            List<Long> tags = Collections.synchronizedList(new ArrayList<>());
            worker.basicConsume(queue, false, (tag, d) -> tags.add(d.getEnvelope().getDeliveryTag()), tag -> { });
            awaitSize(tags, 1);

            worker.basicAck(tags.get(0), false);
            Thread.sleep(200);
            assertThat(tags).as("before the commit").hasSize(1);
            worker.txCommit();

            awaitSize(tags, 2);
        }
    }

    @Scenario
    void aPrefetchSizeIsNotImplemented(Broker broker) throws Exception {
        Amqp.Closed closed = Amqp.closedBy(broker, channel -> channel.basicQos(4096, 1, false));

        assertThat(closed.code()).isEqualTo(540);
        assertThat(closed.connection()).as("a connection error, as 540 is").isTrue();
        assertThat(closed.text()).isEqualTo("NOT_IMPLEMENTED - prefetch_size!=0 (4096)");
    }

    @Scenario
    void aConsumerOfAQueueWithAnExclusiveConsumerIsRefusedWith403OnItsChannel(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Channel other = connection.createChannel();
            String queue = channel.queueDeclare(broker.unique("q"), false, false, true, null).getQueue();
            channel.basicConsume(queue, true, "sole", false, true, null, (tag, d) -> { }, tag -> { });

            Amqp.Closed closed = Amqp.closedBy(other,
                    () -> other.basicConsume(queue, true, (tag, d) -> { }, tag -> { }));

            assertThat(closed.code()).isEqualTo(403);
            assertThat(closed.connection()).isFalse();
            assertThat(closed.text()).contains("in exclusive use");
            assertThat(channel.isOpen()).isTrue();
        }
    }

    @Scenario
    void anExclusiveConsumerOfAQueueThatHasAConsumerIsRefusedWith403OnItsChannel(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Channel other = connection.createChannel();
            String queue = channel.queueDeclare(broker.unique("q"), false, false, true, null).getQueue();
            channel.basicConsume(queue, true, (tag, d) -> { }, tag -> { });

            Amqp.Closed closed = Amqp.closedBy(other,
                    () -> other.basicConsume(queue, true, "sole", false, true, null, (tag, d) -> { }, tag -> { }));

            assertThat(closed.code()).isEqualTo(403);
            assertThat(closed.connection()).isFalse();
            assertThat(closed.text()).contains("in exclusive use");
        }
    }

    @Scenario
    void aConsumerWithAHigherPriorityGetsTheMessagesWhileItCanTakeThem(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Channel low = connection.createChannel();
            Channel high = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            List<String> ofLow = Collections.synchronizedList(new ArrayList<>());
            List<String> ofHigh = Collections.synchronizedList(new ArrayList<>());
            low.basicConsume(queue, true, Map.of("x-priority", 1), (tag, d) -> ofLow.add(new String(d.getBody())), tag -> { });
            high.basicConsume(queue, true, Map.of("x-priority", 10), (tag, d) -> ofHigh.add(new String(d.getBody())), tag -> { });

            for (int i = 1; i <= 4; i++) {
                Amqp.publishConfirmed(channel, "", queue, String.valueOf(i));
            }

            awaitSize(ofHigh, 4);
            assertThat(ofLow).isEmpty();
        }
    }

    @Scenario
    void cancellingAConsumerTagTheChannelDoesNotKnowIsAnswered(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            AMQP.Basic.CancelOk ok = (AMQP.Basic.CancelOk) channel.asyncCompletableRpc(
                    new AMQP.Basic.Cancel.Builder().consumerTag("nobody").build()).get(Amqp.WAIT.toSeconds(),
                    TimeUnit.SECONDS).getMethod();

            assertThat(ok.getConsumerTag()).isEqualTo("nobody");
            assertThat(channel.isOpen()).isTrue();
        }
    }

    @Scenario
    void noLocalIsIgnoredAConsumerGetsWhatItsOwnConnectionPublishes(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            List<String> got = Collections.synchronizedList(new ArrayList<>());
            boolean noLocal = true;
            channel.basicConsume(queue, true, "", noLocal, false, null, (tag, d) -> got.add(new String(d.getBody())), tag -> { });

            Amqp.publishConfirmed(channel, "", queue, "from myself");

            awaitSize(got, 1);
            assertThat(got).containsExactly("from myself");
        }
    }

    @Scenario
    void deletingAQueueSendsItsConsumersACancelNotification(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Channel consumerChannel = connection.createChannel();
            String queue = channel.queueDeclare(broker.unique("doomed"), false, false, false, null).getQueue();
            CountDownLatch cancelled = new CountDownLatch(1);
            consumerChannel.basicConsume(queue, true, new DefaultConsumer(consumerChannel) {
                @Override
                public void handleCancel(String consumerTag) {
                    cancelled.countDown();
                }

                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                }
            });

            channel.queueDelete(queue);

            assertThat(cancelled.await(Amqp.WAIT.toSeconds(), TimeUnit.SECONDS)).as("basic.cancel from the broker").isTrue();
            assertThat(consumerChannel.isOpen()).isTrue();
        }
    }

    @Scenario
    void aCancelledConsumerGetsNoMoreMessages(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Channel consumerChannel = connection.createChannel();
            String queue = channel.queueDeclare(broker.unique("q"), false, true, false, null).getQueue();
            List<String> got = Collections.synchronizedList(new ArrayList<>());
            String tag = consumerChannel.basicConsume(queue, true, (t, d) -> got.add(new String(d.getBody())), t -> { });

            consumerChannel.basicCancel(tag);
            Amqp.publishConfirmed(channel, "", queue, "after cancel");

            assertThat(Amqp.drain(channel, queue)).containsExactly("after cancel");
            assertThat(got).isEmpty();
        }
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + Amqp.WAIT.toNanos();
        while (list.size() < size) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + size + " deliveries within " + Amqp.WAIT.toSeconds() + " s, got " + list);
            }
            Thread.sleep(5);
        }
    }
}
