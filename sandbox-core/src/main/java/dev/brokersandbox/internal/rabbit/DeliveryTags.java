package dev.brokersandbox.internal.rabbit;

import java.lang.reflect.Field;

import org.apache.qpid.server.protocol.v0_8.AMQChannel;
import org.apache.qpid.server.protocol.v0_8.UnacknowledgedMessageMap;

/**
 * Whether a delivery tag a client acknowledges is one the channel is waiting for. Qpid keeps the
 * unacknowledged deliveries of a channel in a private map; it is read here, and only here.
 */
final class DeliveryTags {

    private static final Field UNACKNOWLEDGED;

    static {
        try {
            UNACKNOWLEDGED = AMQChannel.class.getDeclaredField("_unacknowledgedMessageMap");
            UNACKNOWLEDGED.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Qpid's AMQChannel has no field _unacknowledgedMessageMap any more "
                    + "(did its internals change in this Qpid version?)", e);
        }
    }

    private final AMQChannel channel;

    DeliveryTags(AMQChannel channel) {
        this.channel = channel;
    }

    /** True if no delivery waits for {@code tag}; tag 0 with {@code multiple} means "everything" and is always known. */
    boolean isUnknown(long tag, boolean multiple) {
        if (multiple && tag == 0) {
            return false;
        }
        try {
            UnacknowledgedMessageMap unacknowledged = (UnacknowledgedMessageMap) UNACKNOWLEDGED.get(channel);
            return unacknowledged.get(tag) == null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Could not read Qpid's unacknowledged deliveries", e);
        }
    }
}
