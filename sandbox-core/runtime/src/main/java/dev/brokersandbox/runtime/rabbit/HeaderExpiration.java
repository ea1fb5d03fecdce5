package dev.brokersandbox.runtime.rabbit;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.qpid.server.bytebuffer.QpidByteBuffer;

/**
 * The {@code expiration} of a content header frame, read before Qpid decodes the frame: Qpid reads
 * it as a number and drops the connection (501) on anything else, where RabbitMQ closes the
 * channel with 406 and says why.
 */
final class HeaderExpiration {

    /** Property flags before expiration (bit 8), from the highest: content-type to reply-to. */
    private static final int CONTENT_TYPE = 1 << 15;
    private static final int CONTENT_ENCODING = 1 << 14;
    private static final int HEADERS = 1 << 13;
    private static final int DELIVERY_MODE = 1 << 12;
    private static final int PRIORITY = 1 << 11;
    private static final int CORRELATION_ID = 1 << 10;
    private static final int REPLY_TO = 1 << 9;
    private static final int EXPIRATION = 1 << 8;
    /** What Erlang's string:to_integer reads, and what it leaves. */
    private static final Pattern INTEGER = Pattern.compile("([+-]?[0-9]+)(.*)", Pattern.DOTALL);

    private HeaderExpiration() {
    }

    /**
     * RabbitMQ's reason for refusing the expiration of the content header payload at {@code at}
     * ({@code no_integer}, {@code {leftover_string,"..."}}), or null if it has none or a number.
     */
    static String refusal(QpidByteBuffer payload, int at, long size) {
        if (size < 14) {
            return null;
        }
        int flags = payload.getUnsignedShort(at + 12);
        if ((flags & EXPIRATION) == 0) {
            return null;
        }
        int position = at + 14;
        for (int flag : new int[] {CONTENT_TYPE, CONTENT_ENCODING, HEADERS, DELIVERY_MODE, PRIORITY, CORRELATION_ID,
                REPLY_TO}) {
            if ((flags & flag) != 0) {
                position += switch (flag) {
                    case HEADERS -> 4 + payload.getInt(position);
                    case DELIVERY_MODE, PRIORITY -> 1;
                    default -> 1 + (payload.get(position) & 0xFF);
                };
            }
        }
        byte[] text = new byte[payload.get(position) & 0xFF];
        for (int i = 0; i < text.length; i++) {
            text[i] = payload.get(position + 1 + i);
        }
        String expiration = new String(text, StandardCharsets.UTF_8);
        Matcher number = INTEGER.matcher(expiration);
        if (!number.matches()) {
            return "invalid expiration '" + expiration + "': no_integer";
        }
        if (!number.group(2).isEmpty()) {
            return "invalid expiration '" + expiration + "': {leftover_string,\"" + number.group(2) + "\"}";
        }
        return null;
    }
}
