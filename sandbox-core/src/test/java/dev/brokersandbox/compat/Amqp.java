package dev.brokersandbox.compat;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.ShutdownSignalException;

/** What scenarios do over and over: publish text, read queues, expect errors. Every wait is bounded. */
final class Amqp {

    static final Duration WAIT = Duration.ofSeconds(10);

    private Amqp() {
    }

    static void publish(Channel channel, String exchange, String routingKey, String body) throws IOException {
        channel.basicPublish(exchange, routingKey, null, body.getBytes(UTF_8));
    }

    static void publish(Channel channel, String exchange, String routingKey, AMQP.BasicProperties properties,
                        String body) throws IOException {
        channel.basicPublish(exchange, routingKey, properties, body.getBytes(UTF_8));
    }

    /** Publishes under publisher confirms and waits for the broker to confirm everything so far. */
    static void publishConfirmed(Channel channel, String exchange, String routingKey, String body)
            throws IOException, InterruptedException, TimeoutException {
        channel.confirmSelect();
        publish(channel, exchange, routingKey, body);
        channel.waitForConfirmsOrDie(WAIT.toMillis());
    }

    static String text(GetResponse response) {
        return response == null ? null : new String(response.getBody(), UTF_8);
    }

    /** Every message the queue holds now, in order, acknowledged as they are taken. */
    static List<String> drain(Channel channel, String queue) throws IOException {
        List<String> bodies = new ArrayList<>();
        for (GetResponse r = channel.basicGet(queue, true); r != null; r = channel.basicGet(queue, true)) {
            bodies.add(text(r));
        }
        return bodies;
    }

    /** The next message of {@code queue}, waiting for it at most {@link #WAIT}. */
    static GetResponse await(Channel channel, String queue, boolean autoAck) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            GetResponse response = channel.basicGet(queue, autoAck);
            if (response != null) {
                return response;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No message arrived on queue " + queue + " within " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(10);
        }
    }

    /** Waits until {@code queue} is empty (messages expired or dead-lettered), at most {@link #WAIT}. */
    static void awaitEmpty(Channel channel, String queue) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (channel.queueDeclarePassive(queue).getMessageCount() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Queue " + queue + " still held messages after " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(10);
        }
    }

    /** How the broker closed a channel or connection: reply code, and whether the whole connection went. */
    record Closed(int code, String text, boolean connection) {
    }

    /**
     * Runs {@code action}, which must make the broker close the channel or the connection, and says how.
     * An asynchronous method (a publish) is followed by a synchronous one to learn its fate.
     */
    static Closed closedBy(Channel channel, Action action) throws IOException {
        try {
            action.run();
            channel.basicQos(0); // a round trip: an error the action caused arrives first
        } catch (IOException | ShutdownSignalException e) {
            ShutdownSignalException signal = signal(e);
            if (signal == null) {
                throw e instanceof IOException io ? io : new IOException(e);
            }
            Method reason = signal.getReason();
            if (reason instanceof AMQP.Channel.Close close) {
                return new Closed(close.getReplyCode(), close.getReplyText(), false);
            }
            if (reason instanceof AMQP.Connection.Close close) {
                return new Closed(close.getReplyCode(), close.getReplyText(), true);
            }
            throw new AssertionError("closed for an unexpected reason: " + reason, e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the broker accepted it: expected the channel or connection to be closed");
    }

    /** The text of the 406 on a new channel of {@code connection} that a queue.declare with these properties gets. */
    static String declareRefusal(Connection connection, String queue, boolean durable, boolean exclusive,
                                 boolean autoDelete, Map<String, Object> arguments) throws Exception {
        Channel channel = connection.createChannel();
        Closed closed = closedBy(channel, () -> channel.queueDeclare(queue, durable, exclusive, autoDelete, arguments));
        if (closed.code() != 406 || closed.connection()) {
            throw new AssertionError("expected the channel closed with 406, got " + closed);
        }
        return closed.text();
    }

    /** {@link #closedBy(Channel, Action)} on a channel of a connection of its own, which the answer may close. */
    static Closed closedBy(Broker broker, ChannelAction action) throws Exception {
        Connection connection = broker.connect();
        try {
            Channel channel = connection.createChannel();
            return closedBy(channel, () -> action.run(channel));
        } finally {
            if (connection.isOpen()) {
                connection.close();
            }
        }
    }

    private static ShutdownSignalException signal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException s) {
                return s;
            }
        }
        return null;
    }

    /**
     * A channel's publisher confirms as they arrive, one per publish ("ack 1", "nack 2"): a confirm
     * with {@code multiple} (RabbitMQ batches them) stands for every publish up to its tag not yet confirmed.
     */
    static final class Confirms implements ConfirmListener {
        private final List<String> outcomes = new ArrayList<>();
        private long confirmedUpTo;

        static Confirms of(Channel channel) throws IOException {
            Confirms confirms = new Confirms();
            channel.confirmSelect();
            channel.addConfirmListener(confirms);
            return confirms;
        }

        @Override
        public void handleAck(long tag, boolean multiple) {
            record("ack", tag, multiple);
        }

        @Override
        public void handleNack(long tag, boolean multiple) {
            record("nack", tag, multiple);
        }

        private synchronized void record(String outcome, long tag, boolean multiple) {
            for (long publish = multiple ? confirmedUpTo + 1 : tag; publish <= tag; publish++) {
                outcomes.add(outcome + " " + publish);
            }
            confirmedUpTo = Math.max(confirmedUpTo, tag);
        }

        synchronized List<String> outcomes() {
            return List.copyOf(outcomes);
        }
    }

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    interface ChannelAction {
        void run(Channel channel) throws Exception;
    }
}
