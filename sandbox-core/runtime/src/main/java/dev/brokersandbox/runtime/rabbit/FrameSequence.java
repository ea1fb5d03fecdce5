package dev.brokersandbox.runtime.rabbit;

import java.util.HashMap;
import java.util.Map;

import org.apache.qpid.server.bytebuffer.QpidByteBuffer;

/**
 * What each channel of a connection may send next, as RabbitMQ's command assembler checks it: a
 * basic.publish is followed by its content header, the header by as many body octets as it
 * announces, and only then by the next method. Qpid's 0-9-1 layer answers a frame out of this order
 * with 503 or drops the socket (a body without a header even ends its I/O thread); RabbitMQ closes
 * the connection with 505 UNEXPECTED_FRAME and says what it expected.
 */
final class FrameSequence {

    static final byte METHOD = 1;
    static final byte HEADER = 2;
    static final byte BODY = 3;
    static final byte HEARTBEAT = 8;

    private static final int BASIC = 60;
    private static final int BASIC_PUBLISH = 40;

    /** Channels whose basic.publish waits for its content header (the class it must name). */
    private final Map<Integer, Integer> awaitingHeader = new HashMap<>();
    /** Channels whose content waits for this many more body octets. */
    private final Map<Integer, Long> awaitingBody = new HashMap<>();

    /**
     * Takes a frame of {@code type} on {@code channel}, its payload at {@code payload}'s position (not
     * moved); RabbitMQ's reply text (without the code name) if the frame is out of order, else null.
     */
    String unexpected(int channel, byte type, long size, QpidByteBuffer payload) {
        int at = payload.position();
        return switch (type) {
            case METHOD -> size < 4 ? null : method(channel, payload.getUnsignedShort(at), payload.getUnsignedShort(at + 2));
            case HEADER -> size < 12 ? null : header(channel, payload.getUnsignedShort(at), payload.getLong(at + 4));
            case BODY -> body(channel, size);
            case HEARTBEAT -> channel == 0 ? null : "heartbeat frame on channel " + channel;
            default -> null; // Qpid answers an unknown frame type with a frame error
        };
    }

    private String method(int channel, int classId, int methodId) {
        String waiting = waitingFor(channel);
        if (waiting != null) {
            return waiting + ", got non " + (awaitingHeader.containsKey(channel) ? "content header" : "content body")
                    + " frame instead";
        }
        if (classId == BASIC && methodId == BASIC_PUBLISH) {
            awaitingHeader.put(channel, BASIC);
        }
        return null;
    }

    private String header(int channel, int classId, long bodySize) {
        Integer expected = awaitingHeader.remove(channel);
        if (expected == null) {
            return awaitingBody.containsKey(channel)
                    ? "expected content body, got non content body frame instead"
                    : "expected method frame, got non method frame instead";
        }
        if (classId != expected) {
            return "expected content header for class " + expected + ", got one for class " + classId + " instead";
        }
        if (bodySize > 0) {
            awaitingBody.put(channel, bodySize);
        }
        return null;
    }

    private String body(int channel, long size) {
        Long remaining = awaitingBody.get(channel);
        if (remaining == null) {
            return awaitingHeader.containsKey(channel)
                    ? "expected content header for class " + awaitingHeader.get(channel)
                            + ", got non content header frame instead"
                    : "expected method frame, got non method frame instead";
        }
        if (remaining - size <= 0) {
            awaitingBody.remove(channel);
        } else {
            awaitingBody.put(channel, remaining - size);
        }
        return null;
    }

    private String waitingFor(int channel) {
        if (awaitingHeader.containsKey(channel)) {
            return "expected content header for class " + awaitingHeader.get(channel);
        }
        return awaitingBody.containsKey(channel) ? "expected content body" : null;
    }
}
