package dev.brokersandbox.runtime.rabbit;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.queue.QueueEntry;

/**
 * The offsets of a stream's messages: 0 for the first message the stream took, then one more for
 * each message, kept when the oldest messages go. Qpid numbers messages per virtual host, not per
 * queue, so the offsets are counted here, in the queue's own order, by message number.
 */
final class StreamOffsets {

    private static final Map<Queue<?>, StreamOffsets> STREAMS = new ConcurrentHashMap<>();

    private final Queue<?> queue;
    private final Map<Long, Long> byMessageNumber = new HashMap<>();
    /** The newest entry given an offset; the next offset to give. */
    private QueueEntry last;
    private long next;

    private StreamOffsets(Queue<?> queue) {
        this.queue = queue;
    }

    static StreamOffsets of(Queue<?> queue) {
        // Streams of stopped sandboxes are forgotten here rather than kept for the life of the JVM.
        STREAMS.keySet().removeIf(q -> q.isDeleted() || q.getVirtualHost().getState() != State.ACTIVE);
        return STREAMS.computeIfAbsent(queue, StreamOffsets::new);
    }

    String queueName() {
        return queue.getName();
    }

    /** The offset of message {@code messageNumber} in this stream, or -1 if the stream does not hold it. */
    synchronized long offsetOf(long messageNumber) {
        Long offset = byMessageNumber.get(messageNumber);
        if (offset == null) {
            catchUp();
            offset = byMessageNumber.get(messageNumber);
        }
        return offset == null ? -1 : offset;
    }

    /** The offset the next message will have. */
    synchronized long end() {
        catchUp();
        return next;
    }

    /** Gives offsets to the entries that arrived since the last call, and forgets those retention removed. */
    private void catchUp() {
        QueueEntry entry = last == null ? queue.getLeastSignificantOldestEntry() : last.getNextValidEntry();
        for (; entry != null; entry = entry.getNextValidEntry()) {
            byMessageNumber.put(entry.getMessage().getMessageNumber(), next++);
            last = entry;
        }
        if (byMessageNumber.size() > 2 * Math.max(queue.getQueueDepthMessages(), 1024)) {
            QueueEntry oldest = queue.getLeastSignificantOldestEntry();
            long first = oldest == null ? next : byMessageNumber.getOrDefault(oldest.getMessage().getMessageNumber(), next);
            byMessageNumber.values().removeIf(offset -> offset < first);
        }
    }
}
