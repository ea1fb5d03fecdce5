package dev.brokersandbox.runtime.rabbit;

import java.nio.charset.StandardCharsets;

import org.apache.qpid.server.bytebuffer.QpidByteBuffer;

/**
 * The {@code x-priority} of a basic.consume, read before Qpid decodes the method: Qpid's decoder
 * fails on a table nested in the arguments and drops the connection, where RabbitMQ refuses a
 * table or an array for {@code x-priority} with 406 on the channel.
 */
final class ConsumeArguments {

    private ConsumeArguments() {
    }

    /** A raw basic.consume at {@code in}'s position (class and method ids first), not consumed. */
    record Refusal(String queue, String type, int end) {
    }

    /** The refusal of a basic.consume whose x-priority is a table or an array, or null. */
    static Refusal refusal(QpidByteBuffer in) {
        int at = in.position() + 4 + 2; // class and method, reserved ticket
        String queue = shortString(in, at);
        at += 1 + (in.get(at) & 0xFF);
        at += 1 + (in.get(at) & 0xFF); // consumer tag
        at += 1; // no-local, no-ack, exclusive, no-wait
        int end = at + 4 + in.getInt(at);
        at += 4;
        while (at < end) {
            String name = shortString(in, at);
            at += 1 + (in.get(at) & 0xFF);
            char type = (char) in.get(at);
            at += 1;
            if (name.equals("x-priority") && (type == 'F' || type == 'A')) {
                return new Refusal(queue, type == 'F' ? "table" : "array", end);
            }
            int size = valueSize(in, at, type);
            if (size < 0) {
                return null; // a type this scan does not know: Qpid's decoder decides
            }
            at += size;
        }
        return null;
    }

    private static int valueSize(QpidByteBuffer in, int at, char type) {
        return switch (type) {
            case 't', 'b', 'B' -> 1;
            case 's', 'u' -> 2;
            case 'I', 'i', 'f' -> 4;
            case 'D' -> 5;
            case 'l', 'd', 'T' -> 8;
            case 'V' -> 0;
            case 'S', 'x', 'A', 'F' -> 4 + in.getInt(at);
            default -> -1;
        };
    }

    private static String shortString(QpidByteBuffer in, int at) {
        byte[] bytes = new byte[in.get(at) & 0xFF];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = in.get(at + 1 + i);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
