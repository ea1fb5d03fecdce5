package dev.brokersandbox.badinput;

import static java.nio.charset.StandardCharsets.UTF_8;

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

/**
 * A socket to a Kafka broker that writes bytes as they are, for what no Kafka client sends, and
 * describes what comes back.
 */
final class RawKafka implements AutoCloseable {

    static final int API_VERSIONS = 18;

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    RawKafka(String bootstrapServer, Duration wait) throws IOException {
        String[] hostPort = bootstrapServer.split(":");
        socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
        socket.setSoTimeout((int) wait.toMillis());
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    RawKafka raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** A request: its size, then {@code request}. */
    RawKafka request(byte[] request) throws IOException {
        out.writeInt(request.length);
        return raw(request);
    }

    /** Ends this side of the connection (a TCP FIN) and keeps reading: a half-open connection. */
    RawKafka endOutput() throws IOException {
        socket.shutdownOutput();
        return this;
    }

    /**
     * An ApiVersions request of {@code version} with correlation id {@code correlationId}: the request
     * header of version 2 (client id, no tagged fields) and an empty body, which the broker reads only
     * for a version it supports.
     */
    static byte[] apiVersions(int version, int correlationId) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream request = new DataOutputStream(bytes);
        request.writeShort(API_VERSIONS);
        request.writeShort(version);
        request.writeInt(correlationId);
        byte[] clientId = "bad-input".getBytes(UTF_8);
        request.writeShort(clientId.length);
        request.write(clientId);
        request.writeByte(0); // no tagged fields
        return bytes.toByteArray();
    }

    /**
     * The ApiVersions response of version 0 that a broker sends to any version of the request:
     * "correlation id C, error E, N APIs, ApiVersions A to B".
     */
    String apiVersionsAnswer() throws IOException {
        byte[] response = new byte[in.readInt()];
        in.readFully(response);
        ByteBuffer fields = ByteBuffer.wrap(response);
        int correlationId = fields.getInt();
        short error = fields.getShort();
        int apis = fields.getInt();
        String apiVersions = "no ApiVersions";
        for (int i = 0; i < apis; i++) {
            short key = fields.getShort();
            short min = fields.getShort();
            short max = fields.getShort();
            if (key == API_VERSIONS) {
                apiVersions = "ApiVersions " + min + " to " + max;
            }
        }
        return "correlation id " + correlationId + ", error " + error + ", " + apiVersions;
    }

    /** What the broker sends until it ends the socket: "end" right away, or "N octets, end", or "silent". */
    String answer() throws IOException {
        List<String> answers = new ArrayList<>();
        int octets = 0;
        try {
            for (int b = in.read(); b != -1; b = in.read()) {
                octets++;
            }
        } catch (SocketTimeoutException e) {
            return octets + " octets, silent";
        } catch (EOFException | SocketException e) {
            // a reset: the broker dropped the socket with data unread
        }
        if (octets > 0) {
            answers.add(octets + " octets");
        }
        answers.add("end");
        return String.join(", ", answers);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
