package dev.brokersandbox.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.AMQP;

/** Consumers: round-robin dispatch, prefetch, and cancellation. */
class ConsumerScenarios {

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
