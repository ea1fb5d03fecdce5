package dev.brokersandbox.runtime.rabbit;

import org.apache.qpid.server.bytebuffer.QpidByteBuffer;

/**
 * Where frames start in the octets a client sends, so that a connection can stop reading at the
 * frame of a basic.publish, as RabbitMQ stops reading a connection blocked by a resource alarm
 * (see {@link RabbitConnection}). It only counts: the protocol header first, then each frame's
 * size from its header, and for a method frame its class and method. It never moves a buffer.
 */
final class FrameBoundaries {

    private static final int PROTOCOL_HEADER = 8;
    /** Type, channel, payload size; then, in a method frame, class and method. */
    private static final int FRAME_HEADER = 7;
    private static final int METHOD_START = FRAME_HEADER + 4;
    private static final int BASIC_PUBLISH = (60 << 16) | 40;

    private int protocolHeaderLeft = PROTOCOL_HEADER;
    /** The first octets of the current frame, while they are not all known. */
    private final byte[] start = new byte[METHOD_START];
    private int startLength;
    /** Octets of the current frame not yet counted, once its start is known (payload and frame end). */
    private long frameLeft;

    /**
     * Counts the octets of {@code buffer} (from its position), and returns how many come before the
     * first basic.publish frame that starts in it, or -1 when none does; with {@code stopAtPublish},
     * counting stops there, so that the same octets can be counted again when they are read later.
     */
    int beforePublish(QpidByteBuffer buffer, boolean stopAtPublish) {
        int found = -1;
        int frameStart = -1;
        for (int i = 0, n = buffer.remaining(); i < n; ) {
            if (protocolHeaderLeft > 0) {
                int skipped = Math.min(protocolHeaderLeft, n - i);
                protocolHeaderLeft -= skipped;
                i += skipped;
            } else if (frameLeft > 0) {
                int skipped = (int) Math.min(frameLeft, n - i);
                frameLeft -= skipped;
                i += skipped;
            } else {
                if (startLength == 0) {
                    frameStart = i;
                }
                start[startLength++] = buffer.get(buffer.position() + i++);
                if (startLength >= FRAME_HEADER && known()) {
                    boolean publish = isPublish();
                    if (publish && frameStart >= 0 && found < 0) {
                        found = frameStart;
                        if (stopAtPublish) {
                            startLength = 0; // counted again from the frame's start when it is read
                            return found;
                        }
                    }
                    frameLeft = FRAME_HEADER + payloadSize() + 1 - startLength;
                    startLength = 0;
                }
            }
        }
        return found;
    }

    /** Whether enough of the frame's start is there to tell what it is. */
    private boolean known() {
        return start[0] != FrameSequence.METHOD || payloadSize() < 4 || startLength == METHOD_START;
    }

    private boolean isPublish() {
        if (start[0] != FrameSequence.METHOD || startLength < METHOD_START) {
            return false;
        }
        int classAndMethod = ((start[7] & 0xff) << 24) | ((start[8] & 0xff) << 16) | ((start[9] & 0xff) << 8)
                | (start[10] & 0xff);
        return classAndMethod == BASIC_PUBLISH;
    }

    private long payloadSize() {
        return ((start[3] & 0xffL) << 24) | ((start[4] & 0xffL) << 16) | ((start[5] & 0xffL) << 8) | (start[6] & 0xffL);
    }
}
