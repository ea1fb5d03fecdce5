package dev.brokersandbox.runtime.rabbit;

import org.apache.qpid.server.model.NamedAddressSpace;
import org.apache.qpid.server.model.Queue;

/** How RabbitMQ names a queue or an exchange in its reply texts: with the virtual host it lives in. */
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
