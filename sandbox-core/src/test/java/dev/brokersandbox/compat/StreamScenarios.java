package dev.brokersandbox.compat;

import static dev.brokersandbox.compat.Amqp.publishConfirmed;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;

/** Stream queues (x-queue-type=stream) as AMQP 0-9-1 clients use them: an append-only log read from an offset. */
class StreamScenarios {

    @Scenario
    void aStreamConsumerStartsWithTheNextMessageByDefault(Broker broker) throws Exception {
        try (Connection connection = broker.connect(); Stream stream = Stream.declare(broker)) {
            publish(stream, "m0", "m1");
            Reader reader = Reader.start(connection, stream, null, 10);

            publish(stream, "m2");

            assertThat(reader.bodies(1)).containsExactly("m2");
        }
    }

    @Scenario
    void aStreamConsumerFromFirstReadsEveryMessageEachWithItsOffset(Broker broker) throws Exception {
        try (Connection connection = broker.connect(); Stream stream = Stream.declare(broker)) {
            publish(stream, "m0", "m1", "m2");

            Reader reader = Reader.start(connection, stream, "first", 10);

            assertThat(reader.bodies(3)).containsExactly("m0", "m1", "m2");
            assertThat(reader.deliveries).extracting(d -> d.getProperties().getHeaders().get("x-stream-offset"))
                    .containsExactly(0L, 1L, 2L);
            assertThat(reader.deliveries).extracting(d -> d.getEnvelope().isRedeliver()).containsOnly(false);
        }
    }

    @Scenario
    void aStreamConsumerCanStartAtAnOffsetOrTheLastMessage(Broker broker) throws Exception {
        try (Connection connection = broker.connect(); Stream stream = Stream.declare(broker)) {
            publish(stream, "m0", "m1", "m2", "m3");

            Reader reader = Reader.start(connection, stream, 2, 10);
            Reader last = Reader.start(connection, stream, "last", 10); // each message was its own publish batch

            assertThat(reader.bodies(2)).containsExactly("m2", "m3");
            assertThat(last.bodies(1)).containsExactly("m3");
        }
    }

    @Scenario
    void aStreamConsumerCanStartAtATimestampOrAnIntervalAgo(Broker broker) throws Exception {
        try (Connection connection = broker.connect(); Stream stream = Stream.declare(broker)) {
            publish(stream, "old");
            Thread.sleep(2_200); // AMQP timestamps are in seconds
            Date now = new Date();
            publish(stream, "new");

            Reader since = Reader.start(connection, stream, now, 10);
            Reader lastTwoSeconds = Reader.start(connection, stream, "2s", 10);

            assertThat(since.bodies(1)).containsExactly("new");
            assertThat(lastTwoSeconds.bodies(1)).containsExactly("new");
        }
    }

    @Scenario
    void readingAStreamTakesNothingFromIt(Broker broker) throws Exception {
        try (Connection connection = broker.connect(); Stream stream = Stream.declare(broker)) {
            publish(stream, "m0", "m1");
            Reader first = Reader.start(connection, stream, "first", 10);
            Reader second = Reader.start(connection, stream, "first", 10);
            assertThat(first.bodies(2)).containsExactly("m0", "m1");
            assertThat(second.bodies(2)).containsExactly("m0", "m1");

            first.channel.basicAck(first.deliveries.get(1).getEnvelope().getDeliveryTag(), true);
            Reader later = Reader.start(connection, stream, "first", 10);

            assertThat(later.bodies(2)).containsExactly("m0", "m1");
        }
    }

    @Scenario
    void aStreamConsumerGetsNoMoreThanItsPrefetchUnacknowledged(Broker broker) throws Exception {
        try (Connection connection = broker.connect(); Stream stream = Stream.declare(broker)) {
            publish(stream, "m0", "m1", "m2", "m3");

            Reader reader = Reader.start(connection, stream, "first", 2);
            assertThat(reader.bodies(2)).containsExactly("m0", "m1");

            reader.channel.basicAck(reader.deliveries.get(0).getEnvelope().getDeliveryTag(), false);
            assertThat(reader.bodies(3)).containsExactly("m0", "m1", "m2");
        }
    }

    @Scenario
    void consumingAStreamWithoutAPerConsumerPrefetchIsRefusedWith406(Broker broker) throws Exception {
        try (Connection connection = broker.connect(); Stream stream = Stream.declare(broker)) {
            Channel channel = connection.createChannel();
            channel.basicQos(10, true); // a channel's prefetch is not a consumer's

            Amqp.Closed closed = Amqp.closedBy(channel,
                    () -> channel.basicConsume(stream.name, false, (tag, d) -> { }, tag -> { }));

            assertThat(closed.code()).isEqualTo(406);
            assertThat(closed.connection()).isFalse();
            assertThat(closed.text()).isEqualTo("PRECONDITION_FAILED - consumer prefetch count is not set for "
                    + "'queue '" + stream.name + "' in vhost '/''");
        }
    }

    @Scenario
    void theUnsupportedMethodsOnAStreamCloseTheConnectionWith540(Broker broker) throws Exception {
        try (Stream stream = Stream.declare(broker)) {
            assertNotImplemented(broker, channel -> {
                channel.basicQos(10);
                channel.basicConsume(stream.name, true, (tag, d) -> { }, tag -> { });
            }, "NOT_IMPLEMENTED - automatic acknowledgement not supported by stream queues queue '" + stream.name
                    + "' in vhost '/'");
            assertNotImplemented(broker, channel -> channel.basicGet(stream.name, false),
                    "NOT_IMPLEMENTED - basic.get not supported by stream queues queue '" + stream.name + "' in vhost '/'");
            assertNotImplemented(broker, channel -> channel.queuePurge(stream.name),
                    "NOT_IMPLEMENTED - queue.purge not supported by stream queues queue '" + stream.name + "' in vhost '/'");
        }
    }

    @Scenario
    void rejectingAStreamDeliveryClosesTheConnectionWith540(Broker broker) throws Exception {
        try (Stream stream = Stream.declare(broker)) {
            publish(stream, "m0");
            assertNotImplemented(broker, channel -> {
                Reader reader = Reader.start(channel, stream, "first", 10);
                channel.basicReject(reader.deliveries(1).get(0).getEnvelope().getDeliveryTag(), true);
            }, "NOT_IMPLEMENTED - basic.nack and basic.reject not supported by stream queues queue '" + stream.name
                    + "' in vhost '/'");
        }
    }

    @Scenario
    void aStreamMustBeDurableAndNeitherExclusiveNorAutoDelete(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            String name = broker.unique("stream");
            Map<String, Object> stream = Map.of("x-queue-type", "stream");
            String where = " for queue '" + name + "' in vhost '/'";

            assertThat(Amqp.declareRefusal(connection, name, false, false, false, stream))
                    .isEqualTo("PRECONDITION_FAILED - invalid property 'non-durable'" + where);
            assertThat(Amqp.declareRefusal(connection, name, true, true, false, stream))
                    .isEqualTo("PRECONDITION_FAILED - invalid property 'exclusive-owner'" + where);
            assertThat(Amqp.declareRefusal(connection, name, true, false, true, stream))
                    .isEqualTo("PRECONDITION_FAILED - invalid property 'auto-delete'" + where);
        }
    }

    @Scenario
    void aStreamRefusesTheArgumentsOfOtherQueueTypes(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            String name = broker.unique("stream");

            String refusal = Amqp.declareRefusal(connection, name, true, false, false,
                    Map.of("x-queue-type", "stream", "x-message-ttl", 1000));

            assertThat(refusal).isEqualTo("PRECONDITION_FAILED - invalid arg 'x-message-ttl' for queue '" + name
                    + "' in vhost '/' of queue type rabbit_stream_queue");
        }
    }

    @Scenario
    void redeclaringAStreamAsAnotherQueueTypeClosesTheChannelWith406(Broker broker) throws Exception {
        try (Connection connection = broker.connect(); Stream stream = Stream.declare(broker)) {
            String refusal = Amqp.declareRefusal(connection, stream.name, true, false, false, null);

            assertThat(refusal).contains("inequivalent arg 'x-queue-type'");
        }
    }

    private static void publish(Stream stream, String... bodies) throws Exception {
        try (Connection connection = stream.broker.connect()) {
            Channel channel = connection.createChannel();
            for (String body : bodies) {
                publishConfirmed(channel, "", stream.name, body);
            }
        }
    }

    /** {@code action} on a new connection closes it with 540 and {@code text}. */
    private static void assertNotImplemented(Broker broker, Amqp.ChannelAction action, String text) throws Exception {
        Amqp.Closed closed = Amqp.closedBy(broker, action);

        assertThat(closed.code()).isEqualTo(540);
        assertThat(closed.connection()).as("a connection error, as 540 is").isTrue();
        assertThat(closed.text()).isEqualTo(text);
    }

    /** A durable stream of the scenario's own, deleted at the end (streams are durable). */
    private record Stream(Broker broker, String name) implements AutoCloseable {

        static Stream declare(Broker broker) throws Exception {
            String name = broker.unique("stream");
            try (Connection own = broker.connect()) {
                own.createChannel().queueDeclare(name, true, false, false, Map.of("x-queue-type", "stream"));
            }
            return new Stream(broker, name);
        }

        @Override
        public void close() throws Exception {
            try (Connection own = broker.connect()) {
                own.createChannel().queueDelete(name);
            }
        }
    }

    /** A consumer of a stream with a per-consumer prefetch, acknowledging nothing by itself. */
    private static final class Reader {
        final Channel channel;
        final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());

        private Reader(Channel channel) {
            this.channel = channel;
        }

        static Reader start(Connection connection, Stream stream, Object offset, int prefetch) throws IOException {
            return start(connection.createChannel(), stream, offset, prefetch);
        }

        static Reader start(Channel channel, Stream stream, Object offset, int prefetch) throws IOException {
            Reader reader = new Reader(channel);
            reader.channel.basicQos(prefetch);
            Map<String, Object> arguments = offset == null ? Map.of() : Map.of("x-stream-offset", offset);
            reader.channel.basicConsume(stream.name(), false, arguments, (tag, d) -> reader.deliveries.add(d), tag -> { });
            return reader;
        }

        /** The deliveries, once there are {@code count}; and after a pause, to see that no more come. */
        List<Delivery> deliveries(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Amqp.WAIT.toNanos();
            while (deliveries.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("expected " + count + " deliveries within " + Amqp.WAIT.toSeconds()
                            + " s, got " + deliveries.size());
                }
                Thread.sleep(5);
            }
            Thread.sleep(200);
            synchronized (deliveries) {
                return List.copyOf(deliveries);
            }
        }

        List<String> bodies(int count) throws InterruptedException {
            return deliveries(count).stream().map(d -> new String(d.getBody())).toList();
        }
    }
}
