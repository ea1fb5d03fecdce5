package dev.brokersandbox.runtime.rabbit;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import org.apache.qpid.server.message.MessageInstance;
import org.apache.qpid.server.protocol.v0_8.AMQChannel;
import org.apache.qpid.server.protocol.v0_8.MessageConsumerAssociation;
import org.apache.qpid.server.protocol.v0_8.UnacknowledgedMessageMap;

/**
 * The deliveries a channel waits to have acknowledged, by delivery tag, from Qpid's private map of them.
 */
final class DeliveryTags {

    private final AMQChannel channel;

    DeliveryTags(AMQChannel channel) {
        this.channel = channel;
    }

    /** True if no delivery waits for {@code tag}; tag 0 with {@code multiple} means "everything" and is always known. */
    boolean isUnknown(long tag, boolean multiple) {
        return !(multiple && tag == 0) && delivery(tag) == null;
    }

    /** The unacknowledged delivery of {@code tag}: the message in its queue; null if there is none. */
    MessageInstance delivery(long tag) {
        return unacknowledged().get(tag);
    }

    /** The tags of unacknowledged deliveries: {@code tag}, or with {@code multiple} every one up to it (0: all). */
    Collection<Long> upTo(long tag, boolean multiple) {
        Map<Long, MessageConsumerAssociation> deliveries = new TreeMap<>();
        unacknowledged().collect(tag, multiple, deliveries);
        return deliveries.keySet();
    }

    private UnacknowledgedMessageMap unacknowledged() {
        return QpidPrivateFields.unacknowledged(channel);
    }
}
