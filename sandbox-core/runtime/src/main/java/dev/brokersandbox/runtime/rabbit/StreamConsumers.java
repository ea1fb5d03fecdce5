package dev.brokersandbox.runtime.rabbit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongPredicate;

import org.apache.qpid.server.filter.Filterable;
import org.apache.qpid.server.filter.MessageFilter;
import org.apache.qpid.server.message.MessageInstanceConsumer;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.protocol.v0_8.ConsumerTarget_0_8;
import org.apache.qpid.server.protocol.v0_8.FieldTable;

/**
 * One channel's consumers of streams. Each is a Qpid browser (it takes nothing from the stream)
 * that starts where {@code x-stream-offset} says, gets a {@link StreamCredit}, and whose deliveries
 * are acknowledged here: Qpid keeps no record of a browser's deliveries.
 */
final class StreamConsumers {

    /** Qpid's consume argument for a browser. */
    private static final String BROWSE = "x-filter-no-consume";
    private static final String OFFSET = "x-stream-offset";

    /** Deliveries not yet acknowledged, by delivery tag, with the consumer they went to. */
    private final TreeMap<Long, StreamCredit> unacknowledged = new TreeMap<>();

    /** An {@code x-stream-offset} RabbitMQ refuses (406, the message). */
    static final class InvalidOffset extends Exception {
        InvalidOffset(String message) {
            super(message);
        }
    }

    /**
     * Where a consumer starts, from its {@code x-stream-offset} consume argument: "first", "last",
     * "next" (also without the argument), an offset, a timestamp, or an interval such as "1h".
     */
    static MessageFilter start(Queue<?> queue, FieldTable arguments) throws InvalidOffset {
        StreamOffsets offsets = StreamOffsets.of(queue);
        Object offset = arguments == null ? null : arguments.get(OFFSET);
        if (offset == null || "next".equals(String.valueOf(offset))) {
            long end = offsets.end();
            return new StartFilter(offsets, at -> at >= end, 0);
        }
        if ("first".equals(String.valueOf(offset))) {
            return new StartFilter(offsets, at -> true, 0);
        }
        if ("last".equals(String.valueOf(offset))) {
            long last = Math.max(0, offsets.end() - 1);
            return new StartFilter(offsets, at -> at >= last, 0);
        }
        if (offset instanceof Number number && isTimestamp(arguments)) {
            return new StartFilter(offsets, at -> true, number.longValue() * 1000); // AMQP timestamps are in seconds
        }
        if (offset instanceof Number number) {
            long from = number.longValue();
            return new StartFilter(offsets, at -> at >= from, 0);
        }
        long interval = StreamQueues.durationMillis(offset);
        if (interval >= 0) {
            return new StartFilter(offsets, at -> true, System.currentTimeMillis() - interval);
        }
        throw new InvalidOffset("PRECONDITION_FAILED - invalid arg '" + OFFSET + "' for " + ResourceNames.queue(queue)
                + ": {invalid_stream_offset_arg," + offset + "}");
    }

    /** Qpid decodes an AMQP timestamp to a long, as it does an offset; the field's type on the wire ('T') tells. */
    private static boolean isTimestamp(FieldTable arguments) {
        byte[] table = arguments.getDataAsBytes();
        // The key as a short string: its length, then its bytes.
        byte[] key = ((char) OFFSET.length() + OFFSET).getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i + key.length < table.length; i++) {
            if (Arrays.equals(table, i, i + key.length, key, 0, key.length)) {
                return table[i + key.length] == 'T';
            }
        }
        return false;
    }

    /** The consume arguments for Qpid: a browser, without the argument only the sandbox reads. */
    static FieldTable browsing(FieldTable arguments) {
        Map<String, Object> qpid = arguments == null ? new HashMap<>() : new HashMap<>(FieldTable.convertToMap(arguments));
        qpid.remove(OFFSET);
        qpid.put(BROWSE, true);
        return FieldTable.convertToFieldTable(qpid);
    }

    /**
     * Qpid started browser {@code consumer} on {@code queue}: it gets the messages {@code start} lets
     * through, at most {@code prefetch} unacknowledged. (Qpid delivers to it only once this channel's
     * frames are processed.)
     */
    static void started(MessageInstanceConsumer<?> consumer, Queue<?> queue, MessageFilter start, int prefetch) {
        if (consumer.getTarget() instanceof ConsumerTarget_0_8 target) {
            QpidPrivateFields.setCreditManager(target, new StreamCredit(target, StreamOffsets.of(queue), prefetch));
            QpidPrivateFields.filters(consumer).add(start.getName(), start);
            target.updateNotifyWorkDesired();
        }
    }

    /** A delivery went out to a stream consumer. */
    void delivered(long deliveryTag, StreamCredit credit) {
        unacknowledged.put(deliveryTag, credit);
    }

    /** The stream consumer a delivery went to, if it went to one and is unacknowledged. */
    StreamCredit deliveredTo(long deliveryTag) {
        return unacknowledged.get(deliveryTag);
    }

    /** The stream consumer of delivery {@code deliveryTag} or, with {@code multiple}, of the first unacknowledged up to it. */
    StreamCredit deliveredTo(long deliveryTag, boolean multiple) {
        Map.Entry<Long, StreamCredit> first = unacknowledged.firstEntry();
        return multiple && first != null && first.getKey() <= deliveryTag ? first.getValue() : deliveredTo(deliveryTag);
    }

    /** Acknowledges stream deliveries: {@code deliveryTag}, or with {@code multiple} every one up to it. */
    void acknowledge(long deliveryTag, boolean multiple) {
        Iterator<Map.Entry<Long, StreamCredit>> settled = multiple
                ? unacknowledged.headMap(deliveryTag, true).entrySet().iterator()
                : unacknowledged.subMap(deliveryTag, true, deliveryTag, true).entrySet().iterator();
        while (settled.hasNext()) {
            settled.next().getValue().settled();
            settled.remove();
        }
    }

    /** Where a stream consumer starts: by offset, and by arrival time. */
    private record StartFilter(StreamOffsets offsets, LongPredicate from, long since) implements MessageFilter {

        @Override
        public String getName() {
            return OFFSET;
        }

        @Override
        public boolean matches(Filterable message) {
            return message.getArrivalTime() >= since && from.test(offsets.offsetOf(message.getMessageNumber()));
        }

        @Override
        public boolean startAtTail() {
            return false;
        }
    }
}
