package dev.brokersandbox.runtime.rabbit;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

import org.apache.qpid.server.model.NamedAddressSpace;
import org.apache.qpid.server.model.Queue;

/**
 * Names as RabbitMQ gives them: a queue or an exchange in its reply texts (with the virtual host it
 * lives in), a declared name (without line breaks), a name the broker makes up.
 */
public final class ResourceNames {

    /** Qpid's name for the virtual host that clients open as RabbitMQ's {@code /}. */
    public static final String QPID_DEFAULT_VHOST = "default";

    private ResourceNames() {
    }

    /** The virtual host's name as clients know it. */
    static String vhost(NamedAddressSpace host) {
        String name = host.getName();
        return QPID_DEFAULT_VHOST.equals(name) ? "/" : name;
    }

    /** A queue or exchange name as RabbitMQ keeps it: without carriage returns and line feeds. */
    static String stripped(String name) {
        return name.replace("\r", "").replace("\n", ""); // the same String when there is none
    }

    /** A name the broker makes up, as RabbitMQ does: {@code prefix} and 22 url-safe base64 characters of a random UUID. */
    static String generated(String prefix) {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        UUID uuid = UUID.randomUUID();
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** {@code queue 'name' in vhost 'host'}. */
    static String queue(NamedAddressSpace host, String name) {
        return "queue '" + name + "' in vhost '" + vhost(host) + "'";
    }

    static String queue(Queue<?> queue) {
        return queue(queue.getVirtualHost(), queue.getName());
    }

    /** {@code exchange 'name' in vhost 'host'}. */
    static String exchange(NamedAddressSpace host, String name) {
        return "exchange '" + name + "' in vhost '" + vhost(host) + "'";
    }
}
