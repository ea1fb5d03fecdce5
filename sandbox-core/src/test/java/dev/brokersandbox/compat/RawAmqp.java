package dev.brokersandbox.compat;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An AMQP 0-9-1 connection that writes frames byte by byte, so that a scenario can send what no
 * client library would (a body without its header, a frame type that does not exist) and read the
 * broker's answer. Only the handshake and the methods the scenarios need are spelled out.
 */
public final class RawAmqp implements AutoCloseable {

    static final int METHOD = 1;
    static final int HEADER = 2;
    static final int BODY = 3;
    static final int HEARTBEAT = 8;
    private static final int FRAME_END = 0xCE;

    /** The broker's connection.close: reply code and text. */
    record Close(int code, String text) {
    }

    private record Frame(int type, int channel, byte[] payload) {
        int classId() {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        int methodId() {
            return ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    /** Where frames go while {@link #together} collects them. */
    private DataOutputStream corked;
    private int frameMax;
    private int channelMax;

    private RawAmqp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    static RawAmqp open(String host, int port, String user, String password, int heartbeat) throws IOException {
        RawAmqp amqp = connect(host, port);
        try {
            amqp.greet();
            amqp.login("PLAIN", "\0" + user + "\0" + password);
            amqp.tuneOk(amqp.channelMax, amqp.frameMax, heartbeat);
            amqp.openVirtualHost("/");
            amqp.openChannel(1);
        } catch (IOException | RuntimeException e) {
            amqp.close();
            throw e;
        }
        return amqp;
    }

    /** A socket to the broker and nothing sent yet, for bytes that are not AMQP or a handshake that goes wrong. */
    static RawAmqp connect(String host, int port) throws IOException {
        Socket socket = new Socket(host, port);
        socket.setSoTimeout((int) Amqp.WAIT.toMillis());
        return new RawAmqp(socket);
    }

    /** Sends the AMQP 0-9-1 protocol header and reads the broker's connection.start. */
    RawAmqp greet() throws IOException {
        out.write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
        expectMethod(10, 10);
        return this;
    }

    /** A connection.start-ok with {@code mechanism} and {@code response}; then reads the broker's connection.tune. */
    RawAmqp login(String mechanism, String response) throws IOException {
        startOk(mechanism, response);
        Frame tune = expectMethod(10, 30);
        ByteBuffer tuned = ByteBuffer.wrap(tune.payload(), 4, tune.payload().length - 4);
        channelMax = tuned.getShort() & 0xFFFF;
        frameMax = tuned.getInt();
        return this;
    }

    /** A connection.start-ok alone, for answers other than a connection.tune. */
    RawAmqp startOk(String mechanism, String response) throws IOException {
        return method(0, 10, 11, new Payload().table().shortString(mechanism).longString(response)
                .shortString("en_US"));
    }

    RawAmqp tuneOk(int channelMax, int frameMax, int heartbeat) throws IOException {
        return method(0, 10, 31, new Payload().u16(channelMax).u32(frameMax).u16(heartbeat));
    }

    /** A connection.open of {@code virtualHost}, awaiting its open-ok. */
    RawAmqp openVirtualHost(String virtualHost) throws IOException {
        method(0, 10, 40, new Payload().shortString(virtualHost).shortString("").u8(0));
        expectMethod(10, 41);
        return this;
    }

    /** A channel.open of {@code channel}, awaiting its open-ok. */
    RawAmqp openChannel(int channel) throws IOException {
        method(channel, 20, 10, new Payload().shortString(""));
        expectMethod(20, 11);
        return this;
    }

    /** The channel_max the broker proposed in its connection.tune. */
    int channelMax() {
        return channelMax;
    }

    /** The frame_max the broker proposed and this connection accepted. */
    int frameMax() {
        return frameMax;
    }

    /** A basic.publish on channel 1 to the default exchange with {@code routingKey}. */
    RawAmqp publish(String routingKey) throws IOException {
        return method(1, 60, 40, new Payload().u16(0).shortString("").shortString(routingKey).u8(0));
    }

    /** A content header of {@code classId} on channel 1, announcing {@code bodySize} octets, no properties. */
    RawAmqp header(int classId, long bodySize) throws IOException {
        return frame(HEADER, 1, new Payload().u16(classId).u16(0).u64(bodySize).u16(0).bytes());
    }

    RawAmqp body(String content) throws IOException {
        return frame(BODY, 1, content.getBytes(UTF_8));
    }

    /** A basic.qos on channel 1: an ordinary method, here only to stand where something else belongs. */
    RawAmqp qos() throws IOException {
        return method(1, 60, 10, new Payload().u32(0).u16(1).u8(0));
    }

    /** A basic.get on channel 1 of {@code queue}, acknowledged at once (no-ack) or not. */
    RawAmqp get(String queue, boolean noAck) throws IOException {
        return method(1, 60, 70, new Payload().u16(0).shortString(queue).u8(noAck ? 1 : 0));
    }

    /** A basic.nack on channel 1 of delivery {@code tag} alone. */
    RawAmqp nack(long tag, boolean requeue) throws IOException {
        return method(1, 60, 120, new Payload().u64(tag).u8(requeue ? 2 : 0));
    }

    /** The body of the message the next get-ok carries, or null for get-empty. */
    String awaitGet() throws IOException {
        Frame answer = read();
        if (answer.type() == METHOD && answer.classId() == 60 && answer.methodId() == 72) {
            return null;
        }
        if (answer.type() != METHOD || answer.classId() != 60 || answer.methodId() != 71) {
            throw new IOException("expected basic.get-ok or get-empty, got a frame of type " + answer.type()
                    + (answer.type() == METHOD ? " (" + answer.classId() + "." + answer.methodId() + ": "
                    + new String(answer.payload(), UTF_8).replaceAll("[^ -~]", ".") + ")" : ""));
        }
        long size = ByteBuffer.wrap(read().payload(), 4, 8).getLong(); // the content header's body size
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (body.size() < size) {
            body.write(read().payload());
        }
        return body.toString(UTF_8);
    }

    /**
     * Sends the frames {@code frames} writes in one write, as one batch: the broker reads them
     * together, as it may read a busy client's frames.
     */
    synchronized RawAmqp together(Frames frames) throws IOException {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        corked = new DataOutputStream(batch);
        try {
            frames.write(this);
        } finally {
            corked = null;
        }
        out.write(batch.toByteArray());
        out.flush();
        return this;
    }

    interface Frames {
        void write(RawAmqp amqp) throws IOException;
    }

    synchronized RawAmqp frame(int type, int channel, byte[] payload) throws IOException {
        DataOutputStream target = corked != null ? corked : out;
        target.writeByte(type);
        target.writeShort(channel);
        target.writeInt(payload.length);
        target.write(payload);
        target.writeByte(FRAME_END);
        target.flush();
        return this;
    }

    /** Writes {@code bytes} as they are: no frame around them. */
    synchronized RawAmqp raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Ends this side of the connection (a TCP FIN) and keeps reading: a half-open connection. */
    RawAmqp endOutput() throws IOException {
        socket.shutdownOutput();
        return this;
    }

    /**
     * What the broker answers, described, until it ends the connection or closes a channel:
     * "protocol header 0.0.9.1", "connection.close 501 FRAME_ERROR - …" (close-ok is sent back),
     * "channel.close 406 PRECONDITION_FAILED - …", other methods as "method 10.30", each followed
     * by "end" when the socket ends and "silent" when nothing came for {@link Amqp#WAIT}. A method on
     * a channel other than 0 ends the answer, as the connection carries on. Heartbeats are left out.
     */
    String answer() throws IOException {
        List<String> answers = new ArrayList<>();
        try {
            while (true) {
                in.mark(1);
                int first = in.read();
                if (first == -1) {
                    answers.add("end");
                    break;
                }
                if (first == 'A') {
                    byte[] header = new byte[7];
                    in.readFully(header);
                    answers.add("protocol header " + header[3] + "." + header[4] + "." + header[5] + "." + header[6]);
                    continue;
                }
                in.reset();
                Frame frame = read();
                if (frame.type() == HEARTBEAT) {
                    continue;
                }
                if (frame.type() != METHOD) {
                    answers.add("frame of type " + frame.type());
                    continue;
                }
                String method = frame.classId() + "." + frame.methodId();
                if (method.equals("10.50") || method.equals("20.40")) {
                    ByteBuffer close = ByteBuffer.wrap(frame.payload(), 4, frame.payload().length - 4);
                    int code = close.getShort() & 0xFFFF;
                    byte[] text = new byte[close.get() & 0xFF];
                    close.get(text);
                    boolean connection = method.equals("10.50");
                    answers.add((connection ? "connection.close " : "channel.close ") + code + " "
                            + new String(text, UTF_8));
                    method(frame.channel(), connection ? 10 : 20, connection ? 51 : 41, new Payload());
                    if (!connection) {
                        break; // the connection carries on
                    }
                } else {
                    answers.add("method " + method);
                    if (frame.channel() != 0) {
                        break; // a channel's answer: the connection carries on
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            answers.add("silent");
        } catch (EOFException e) {
            answers.add("end");
        } catch (SocketException e) {
            answers.add("end"); // a reset: the broker dropped the socket with data unread
        }
        return String.join(", ", answers);
    }

    /**
     * Reads until the broker closes the connection: its connection.close, or null if the socket
     * ended (or stayed silent for {@link Amqp#WAIT}) without one.
     */
    Close awaitClose() throws IOException {
        try {
            while (true) {
                Frame frame = read();
                if (frame.type() == METHOD && frame.channel() == 0 && frame.classId() == 10 && frame.methodId() == 50) {
                    ByteBuffer close = ByteBuffer.wrap(frame.payload(), 4, frame.payload().length - 4);
                    int code = close.getShort() & 0xFFFF;
                    byte[] text = new byte[close.get() & 0xFF];
                    close.get(text);
                    method(0, 10, 51, new Payload()); // close-ok
                    return new Close(code, new String(text, UTF_8));
                }
            }
        } catch (EOFException | SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            if (socket.isClosed() || e.getMessage() != null && e.getMessage().contains("reset")) {
                return null;
            }
            throw e;
        }
    }

    /**
     * For {@code duration}, sends a heartbeat every {@code every} and counts the heartbeats the broker
     * sends; -1 if the broker closed the connection meanwhile.
     */
    int heartbeatsWithin(Duration duration, Duration every) throws IOException {
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
        sender.scheduleAtFixedRate(() -> {
            try {
                frame(HEARTBEAT, 0, new byte[0]);
            } catch (IOException e) {
                // the broker closed the socket: the reading below sees it
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        try {
            long deadline = System.nanoTime() + duration.toNanos();
            int heartbeats = 0;
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return heartbeats;
                }
                socket.setSoTimeout((int) left);
                Frame frame;
                try {
                    frame = read();
                } catch (SocketTimeoutException e) {
                    return heartbeats;
                } catch (EOFException e) {
                    return -1;
                }
                if (frame.type() == HEARTBEAT) {
                    heartbeats++;
                } else if (frame.type() == METHOD && frame.classId() == 10 && frame.methodId() == 50) {
                    return -1;
                }
            }
        } finally {
            sender.shutdownNow();
            socket.setSoTimeout((int) Amqp.WAIT.toMillis());
        }
    }

    RawAmqp method(int channel, int classId, int methodId, Payload arguments) throws IOException {
        return frame(METHOD, channel, new Payload().u16(classId).u16(methodId).bytes(arguments.bytes()).bytes());
    }

    private Frame expectMethod(int classId, int methodId) throws IOException {
        Frame frame = read();
        if (frame.type() != METHOD || frame.classId() != classId || frame.methodId() != methodId) {
            throw new IOException("expected method " + classId + "." + methodId + ", got a frame of type "
                    + frame.type() + (frame.type() == METHOD ? " (" + frame.classId() + "." + frame.methodId() + ")" : ""));
        }
        return frame;
    }

    private Frame read() throws IOException {
        int type = in.readUnsignedByte();
        int channel = in.readUnsignedShort();
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        if (in.readUnsignedByte() != FRAME_END) {
            throw new IOException("a frame without its frame-end octet");
        }
        return new Frame(type, channel, payload);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
