package dev.brokersandbox.runtime.rabbit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.apache.qpid.server.bytebuffer.QpidByteBuffer;
import org.apache.qpid.server.protocol.v0_8.FieldTable;
import org.apache.qpid.server.protocol.v0_8.FieldTableFactory;

/**
 * RabbitMQ's AMQPLAIN login: the user and password as the entries {@code LOGIN} and
 * {@code PASSWORD} of a field table (without its length). Qpid no longer knows the mechanism, so
 * the sandbox offers it beside PLAIN and hands Qpid the same credentials as a PLAIN response.
 */
final class AmqPlain {

    static final String MECHANISM = "AMQPLAIN";

    private AmqPlain() {
    }

    /** Qpid's space-separated mechanisms, with AMQPLAIN after PLAIN as RabbitMQ offers it. */
    static byte[] offeredWith(byte[] qpidMechanisms) {
        String offered = new String(qpidMechanisms, StandardCharsets.US_ASCII);
        return Arrays.asList(offered.split(" ")).contains("PLAIN") && !offered.contains(MECHANISM)
                ? (offered + " " + MECHANISM).getBytes(StandardCharsets.US_ASCII) : qpidMechanisms;
    }

    /** The PLAIN response ({@code \0user\0password}) for an AMQPLAIN one; an unreadable one gives an empty login. */
    static byte[] asPlain(byte[] response) {
        String login = "";
        String password = "";
        if (response != null) {
            try (QpidByteBuffer buffer = QpidByteBuffer.wrap(response)) {
                Map<String, Object> entries = FieldTable.convertToMap(FieldTableFactory.createFieldTable(buffer));
                login = String.valueOf(entries.getOrDefault("LOGIN", ""));
                password = String.valueOf(entries.getOrDefault("PASSWORD", ""));
            } catch (RuntimeException unreadable) {
                // refused as a wrong password is
            }
        }
        return ("\0" + login + "\0" + password).getBytes(StandardCharsets.UTF_8);
    }
}
