package dev.brokersandbox.runtime.rabbit;

import static dev.brokersandbox.runtime.rabbit.ReplyCode.ACCESS_REFUSED;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.NOT_FOUND;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.NOT_IMPLEMENTED;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.PRECONDITION_FAILED;

import java.util.HashMap;
import java.util.Map;

import org.apache.qpid.server.filter.MessageFilter;
import org.apache.qpid.server.message.MessageInstanceConsumer;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.protocol.v0_8.AMQShortString;
import org.apache.qpid.server.protocol.v0_8.ConsumerTarget_0_8;
import org.apache.qpid.server.protocol.v0_8.FieldTable;

/**
 * How a channel takes messages: its prefetch, its consumers (of queues, of streams, of direct
 * replies) and its basic.get, with RabbitMQ's rules and errors.
 */
final class ChannelConsumption {

    static final String DIRECT_REPLY_TO = "amq.rabbitmq.reply-to";

    private final RabbitChannel channel;
    private final ChannelPrefetch prefetch;
    private final ConsumerCancellations cancellations;
    private String queueBeingRead;
    private String queueBeingConsumed;
    /** The tag Qpid answered the basic.consume being processed with. */
    private String startedTag;
    /** This channel's queue behind amq.rabbitmq.reply-to, once it consumes from that pseudo-queue. */
    private String replyQueue;
    private String replyConsumerTag;

    ChannelConsumption(RabbitChannel channel, ChannelPrefetch prefetch, ConsumerCancellations cancellations) {
        this.channel = channel;
        this.prefetch = prefetch;
        this.cancellations = cancellations;
    }

    /**
     * RabbitMQ's prefetch is per consumer unless {@code global}; Qpid's is always the channel's, so
     * Qpid gets only a global one. RabbitMQ lifts the channel's limit when a per-consumer one is set,
     * and has never implemented a prefetch size (a connection error).
     */
    void qos(long prefetchSize, int prefetchCount, boolean global) {
        if (prefetchSize != 0) {
            channel.closeConnection(NOT_IMPLEMENTED, "NOT_IMPLEMENTED - prefetch_size!=0 (" + prefetchSize + ")");
            return;
        }
        if (!global) {
            prefetch.perConsumer(prefetchCount);
        }
        channel.qpid().receiveBasicQos(0, global ? prefetchCount : 0, global);
    }

    /** basic.consume; RabbitMQ ignores no-local, so it is not asked for (Qpid would keep a connection's own publishes from it). */
    void consume(AMQShortString queue, AMQShortString tag, boolean noAck, boolean exclusive, boolean nowait,
                 FieldTable arguments) {
        // RabbitMQ makes up a tag unique in the broker (amq.ctag-…); Qpid's sgen_1, sgen_2… repeat on every channel.
        AMQShortString consumerTag = tag == null || tag.length() == 0
                ? AMQShortString.valueOf(ResourceNames.generated("amq.ctag-")) : tag;
        Map<String, Object> consumerArguments = arguments == null ? Map.of() : FieldTable.convertToMap(arguments);
        if (consumerArguments.containsKey("x-priority")) {
            try {
                RabbitArguments.integer("x-priority", consumerArguments.get("x-priority"));
            } catch (RabbitArguments.Invalid e) {
                channel.close(PRECONDITION_FAILED, e.text(queue == null ? "queue ''" : ResourceNames.queue(
                        channel.virtualHost(), queue.toString())));
                return;
            }
        }
        if (!channel.permits(Permissions.Access.READ, "queue", queue)) {
            return;
        }
        Queue<?> existing = queue == null ? null : channel.queue(queue.toString());
        if (queue != null && DIRECT_REPLY_TO.equals(queue.toString())) {
            consumeDirectReplies(consumerTag, noAck, nowait, arguments);
        } else if (StreamQueues.isStream(existing)) {
            consumeStream(existing, consumerTag, noAck, nowait, arguments);
        } else if (existing == null || !channel.locked(existing) && !inExclusiveUse(existing, exclusive)) {
            MessageInstanceConsumer<?> started = startConsumer(queue, consumerTag, noAck, exclusive, nowait, arguments);
            if (started != null && started.getTarget() instanceof ConsumerTarget_0_8 target) {
                prefetch.started(target, !noAck);
            }
        }
    }

    /** Qpid's basic.consume, without no-local; the consumer it started (its tag Qpid's if the client gave none), or null. */
    private MessageInstanceConsumer<?> startConsumer(AMQShortString queue, AMQShortString consumerTag, boolean noAck, boolean exclusive,
                                 boolean nowait, FieldTable arguments) {
        queueBeingConsumed = queue == null ? null : queue.toString();
        startedTag = null;
        try {
            channel.qpid().receiveBasicConsume(queue, consumerTag, false, noAck, exclusive, nowait,
                    withDefaultPriority(arguments));
        } finally {
            queueBeingConsumed = null;
        }
        return channel.consumer(startedTag != null ? startedTag : String.valueOf(consumerTag));
    }

    /** A consumer without x-priority has RabbitMQ's 0; Qpid's default is above every other priority. */
    private static FieldTable withDefaultPriority(FieldTable arguments) {
        Map<String, Object> given = arguments == null ? Map.of() : FieldTable.convertToMap(arguments);
        if (given.containsKey("x-priority")) {
            return arguments;
        }
        Map<String, Object> withPriority = new HashMap<>(given);
        withPriority.put("x-priority", 0);
        return FieldTable.convertToFieldTable(withPriority);
    }

    /**
     * RabbitMQ refuses on the channel (403) a consumer of a queue an exclusive consumer holds, and an
     * exclusive consumer of a queue that has consumers; Qpid closes the connection.
     */
    private boolean inExclusiveUse(Queue<?> queue, boolean exclusive) {
        if (exclusive && queue.getConsumerCount() > 0
                || queue.getConsumers().stream().anyMatch(consumer -> consumer.isExclusive())) {
            channel.close(ACCESS_REFUSED, "ACCESS_REFUSED - " + ResourceNames.queue(queue) + " in exclusive use");
            return true;
        }
        return false;
    }

    /**
     * A consumer of a stream browses it from where {@code x-stream-offset} says; RabbitMQ wants it
     * to acknowledge and to have a prefetch of its own (and ignores {@code exclusive}).
     */
    private void consumeStream(Queue<?> stream, AMQShortString consumerTag, boolean noAck, boolean nowait,
                               FieldTable arguments) {
        String where = ResourceNames.queue(stream);
        if (prefetch.perConsumer() == 0) {
            channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - consumer prefetch count is not set for '" + where + "'");
            return;
        }
        if (noAck) {
            channel.closeConnection(NOT_IMPLEMENTED,
                    "NOT_IMPLEMENTED - automatic acknowledgement not supported by stream queues " + where);
            return;
        }
        MessageFilter start;
        try {
            start = StreamConsumers.start(stream, arguments);
        } catch (StreamConsumers.InvalidOffset e) {
            channel.close(PRECONDITION_FAILED, e.getMessage());
            return;
        }
        MessageInstanceConsumer<?> started = startConsumer(AMQShortString.valueOf(stream.getName()), consumerTag, false,
                false, nowait, StreamConsumers.browsing(arguments));
        if (started != null) {
            StreamConsumers.started(started, stream, start, prefetch.perConsumer());
        }
    }

    /**
     * RabbitMQ's direct reply-to: consuming from the pseudo-queue amq.rabbitmq.reply-to gives this
     * channel a queue of its own (exclusive, deleted with the connection), and requests it publishes
     * with reply_to=amq.rabbitmq.reply-to carry that queue's name, which a server publishes back to.
     */
    private void consumeDirectReplies(AMQShortString consumerTag, boolean noAck, boolean nowait, FieldTable arguments) {
        if (!noAck) {
            channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - reply consumer cannot acknowledge");
            return;
        }
        if (replyQueue != null) {
            channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - reply consumer already set");
            return;
        }
        replyQueue = DIRECT_REPLY_TO + "." + ChannelDeclarations.serverName().substring("amq.gen-".length());
        AMQShortString name = AMQShortString.valueOf(replyQueue);
        channel.qpid().receiveQueueDeclare(name, false, false, true, true, true, null);
        MessageInstanceConsumer<?> started = startConsumer(name, consumerTag, true, true, nowait, arguments);
        replyConsumerTag = started != null && started.getTarget() instanceof ConsumerTarget_0_8 target
                ? target.getConsumerTag().toString() : null;
    }

    /** The queue behind this channel's amq.rabbitmq.reply-to, or null before it consumes from there. */
    String replyQueue() {
        return replyQueue;
    }

    void get(AMQShortString queue, boolean noAck) {
        if (!channel.permits(Permissions.Access.READ, "queue", queue)) {
            return;
        }
        Queue<?> read = queue == null ? null : channel.queue(queue.toString());
        if (read == null && queue != null && queue.length() > 0) {
            // Qpid closes the whole connection for it; RabbitMQ only the channel.
            channel.close(NOT_FOUND, "NOT_FOUND - no " + ResourceNames.queue(channel.virtualHost(), queue.toString()));
            return;
        }
        if (read != null && (channel.locked(read) || channel.notOnAStream(read, "basic.get"))) {
            return;
        }
        if (read != null) {
            QueueExpiry.touch(read);
        }
        queueBeingRead = queue == null ? null : queue.toString();
        try {
            channel.publishedSoFar(); // a basic.get sees what this channel published before it
            if (read != null) {
                MaxLength.trim(read); // and the queue as its length limit leaves it
                if (PushedToConsumers.takeEverything(read)) {
                    channel.answer(channel.methods().createBasicGetEmptyBody(null));
                    return;
                }
            }
            channel.qpid().receiveBasicGet(queue, noAck);
        } finally {
            queueBeingRead = null;
        }
    }

    /** The queue a basic.get of this channel is taking a message from, while Qpid answers it. */
    String queueBeingRead() {
        return queueBeingRead;
    }

    /** Qpid answered a basic.consume of this channel with consume-ok for {@code consumerTag}. */
    void consuming(String consumerTag) {
        startedTag = consumerTag;
        Queue<?> queue = queueBeingConsumed == null ? null : channel.queue(queueBeingConsumed);
        if (queue != null) {
            cancellations.watch(consumerTag, queue);
        }
    }

    void cancelled(String consumerTag) {
        cancellations.forget(consumerTag);
        if (consumerTag.equals(replyConsumerTag)) {
            // The reply queue went with its consumer (auto-delete): the channel may consume replies anew.
            replyQueue = null;
            replyConsumerTag = null;
        }
    }
}
