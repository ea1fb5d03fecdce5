package dev.brokersandbox.runtime.rabbit;

import static dev.brokersandbox.runtime.rabbit.ReplyCode.FRAME_ERROR;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.PRECONDITION_FAILED;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.UNEXPECTED_FRAME;

import java.nio.BufferUnderflowException;
import java.util.Map;
import java.util.StringJoiner;

import org.apache.qpid.server.bytebuffer.QpidByteBuffer;
import org.apache.qpid.server.protocol.ProtocolVersion;
import org.apache.qpid.server.protocol.v0_8.AMQFrameDecodingException;
import org.apache.qpid.server.protocol.v0_8.AMQShortString;
import org.apache.qpid.server.protocol.v0_8.BrokerDecoder;
import org.apache.qpid.server.protocol.v0_8.EncodingUtils;
import org.apache.qpid.server.protocol.v0_8.FieldTable;
import org.apache.qpid.server.protocol.v0_8.transport.ServerChannelMethodProcessor;

/**
 * Qpid's frame decoder, plus the two methods its 0-9-1 layer does not know: exchange.bind and
 * exchange.unbind (RabbitMQ's extension; Qpid's decoder drops the connection on them), and
 * RabbitMQ's check of the order of frames ({@link FrameSequence}).
 */
final class RabbitDecoder extends BrokerDecoder {

    private static final int EXCHANGE_BIND = (40 << 16) | 30;
    private static final int EXCHANGE_UNBIND = (40 << 16) | 40;
    private static final int BASIC_CONSUME = (60 << 16) | 20;
    private static final int FRAME_END = 0xCE;

    private final RabbitConnection connection;
    private final FrameSequence sequence = new FrameSequence();

    RabbitDecoder(RabbitConnection connection) {
        super(connection);
        this.connection = connection;
    }

    @Override
    protected void processFrame(int channelId, byte type, long bodySize, QpidByteBuffer in)
            throws AMQFrameDecodingException {
        if (connection.closedOnProtocolError()) {
            if (channelId == 0 && type == FrameSequence.METHOD) {
                super.processFrame(channelId, type, bodySize, in); // the client's close-ok ends the connection
            } else {
                skip(in, bodySize); // RabbitMQ reads nothing else from a connection it closed for a protocol error
            }
            return;
        }
        String malformed = malformed(type, bodySize, in);
        if (malformed != null) {
            connection.closeOnProtocolError(FRAME_ERROR, "FRAME_ERROR - " + malformed);
            skip(in, bodySize);
            return;
        }
        String unexpected = sequence.unexpected(channelId, type, bodySize, in);
        if (unexpected != null) {
            connection.closeOnProtocolError(UNEXPECTED_FRAME, "UNEXPECTED_FRAME - " + unexpected);
            skip(in, bodySize);
            return;
        }
        if (type == FrameSequence.HEADER) {
            String refusal = HeaderExpiration.refusal(in, in.position(), bodySize);
            if (refusal != null && connection.getChannelMethodProcessor(channelId) instanceof RabbitChannel channel) {
                channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - " + refusal); // its body frames are ignored
                skip(in, bodySize);
                return;
            }
        }
        if (type == FrameSequence.METHOD) {
            decodeWithinFrame(channelId, bodySize, in);
        } else {
            super.processFrame(channelId, type, bodySize, in);
        }
    }

    /**
     * A frame RabbitMQ's reader refuses before it looks at the method: one whose last octet is not
     * frame-end (Qpid checks that only after acting on the frame), or a method frame too short to
     * name its method. RabbitMQ's reply text after the code name, or null.
     */
    private static String malformed(byte type, long bodySize, QpidByteBuffer in) {
        int marker = in.get(in.position() + (int) bodySize) & 0xFF;
        if (marker != FRAME_END) {
            return "type " + type + ", all octets = " + octets(in, in.position(), bodySize)
                    + ": {invalid_frame_end_marker," + marker + "}";
        }
        if (type == FrameSequence.METHOD && bodySize < 4) {
            return "type " + type + ", all octets = " + octets(in, in.position(), bodySize) + ": unknown_frame";
        }
        return null;
    }

    /**
     * Decodes a method frame with the buffer's limit at the frame's end: a method whose fields do not
     * fit in its frame then runs out of octets (RabbitMQ's 501 "cannot decode") instead of reading the
     * frame-end octet and whatever follows it as its fields.
     */
    private void decodeWithinFrame(int channelId, long bodySize, QpidByteBuffer in) throws AMQFrameDecodingException {
        int start = in.position();
        int end = start + (int) bodySize;
        int limit = in.limit();
        in.limit(end);
        try {
            super.processFrame(channelId, FrameSequence.METHOD, bodySize, in);
        } catch (BufferUnderflowException e) {
            connection.closeOnProtocolError(FRAME_ERROR, "FRAME_ERROR - cannot decode "
                    + octets(in, start + 4, bodySize - 4));
            in.position(end);
        } finally {
            in.limit(limit);
        }
    }

    /** Octets as RabbitMQ's error texts print them, an Erlang binary: {@code <<0,60,0,10>>}. */
    private static String octets(QpidByteBuffer in, int from, long count) {
        StringJoiner octets = new StringJoiner(",", "<<", ">>");
        for (int i = 0; i < count; i++) {
            octets.add(Integer.toString(in.get(from + i) & 0xFF));
        }
        return octets.toString();
    }

    /** A method AMQP 0-9-1 does not have: RabbitMQ ends the connection without a close. */
    @Override
    protected AMQFrameDecodingException newUnknownMethodException(int classId, int methodId,
                                                                  ProtocolVersion protocolVersion) {
        connection.unknownMethod();
        return super.newUnknownMethodException(classId, methodId, protocolVersion);
    }

    @Override
    protected void processMethod(int channelId, QpidByteBuffer in) throws AMQFrameDecodingException {
        int method = in.getInt(in.position());
        if (method == BASIC_CONSUME && refusedConsume(channelId, in)) {
            return;
        }
        if (method != EXCHANGE_BIND && method != EXCHANGE_UNBIND) {
            super.processMethod(channelId, in);
            return;
        }
        in.getInt(); // class and method
        in.getShort(); // reserved (ticket)
        String destination = string(AMQShortString.readAMQShortString(in));
        String source = string(AMQShortString.readAMQShortString(in));
        String routingKey = string(AMQShortString.readAMQShortString(in));
        boolean nowait = (in.get() & 1) != 0;
        FieldTable table = EncodingUtils.readFieldTable(in);
        Map<String, Object> arguments = table == null ? Map.of() : FieldTable.convertToMap(table);
        ServerChannelMethodProcessor channel = connection.getChannelMethodProcessor(channelId);
        if (channel instanceof RabbitChannel rabbit) {
            rabbit.receiveExchangeBind(method == EXCHANGE_BIND, destination, source, routingKey, nowait, arguments);
        }
    }

    /** A basic.consume with a table or an array for x-priority: RabbitMQ's 406 on the channel. Whether it was one. */
    private boolean refusedConsume(int channelId, QpidByteBuffer in) {
        ConsumeArguments.Refusal refusal = ConsumeArguments.refusal(in);
        if (refusal == null || !(connection.getChannelMethodProcessor(channelId) instanceof RabbitChannel channel)) {
            return false;
        }
        channel.close(PRECONDITION_FAILED, new RabbitArguments.Invalid("x-priority", "\"expected integer, got "
                + refusal.type() + "\"").text(ResourceNames.queue(channel.virtualHost(), refusal.queue())));
        in.position(refusal.end());
        return true;
    }

    /** Reads past a frame's payload without decoding it, as Qpid's decoder expects of each frame. */
    private static void skip(QpidByteBuffer in, long payloadSize) {
        in.position(in.position() + (int) payloadSize);
    }

    private static String string(AMQShortString s) {
        return s == null ? "" : s.toString();
    }
}
