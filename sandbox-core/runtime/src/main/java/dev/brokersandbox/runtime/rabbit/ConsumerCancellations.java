package dev.brokersandbox.runtime.rabbit;

import java.util.HashMap;
import java.util.Map;

import org.apache.qpid.server.model.AbstractConfigurationChangeListener;
import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.protocol.v0_8.AMQChannel;
import org.apache.qpid.server.protocol.v0_8.AMQShortString;

/**
 * RabbitMQ tells a consumer with basic.cancel when its queue is deleted (consumer cancel
 * notification); Qpid closes the consumer silently. One channel's consumers, each watching its queue.
 */
final class ConsumerCancellations {

    private final RabbitConnection connection;
    private final AMQChannel channel;
    /** Only touched on the connection's I/O thread. */
    private final Map<String, Watch> watches = new HashMap<>();

    ConsumerCancellations(RabbitConnection connection, AMQChannel channel) {
        this.connection = connection;
        this.channel = channel;
    }

    void watch(String consumerTag, Queue<?> queue) {
        watches.put(consumerTag, new Watch(consumerTag, queue));
    }

    void forget(String consumerTag) {
        Watch watch = watches.remove(consumerTag);
        if (watch != null) {
            watch.queue.removeChangeListener(watch);
        }
    }

    private final class Watch extends AbstractConfigurationChangeListener {
        private final String tag;
        private final Queue<?> queue;

        Watch(String tag, Queue<?> queue) {
            this.tag = tag;
            this.queue = queue;
            queue.addChangeListener(this);
        }

        @Override
        public void stateChanged(ConfiguredObject<?> object, State oldState, State newState) {
            if (newState == State.DELETED) {
                connection.doOnIOThreadAsync(() -> {
                    if (watches.remove(tag) != null && !channel.isClosing()) {
                        connection.writeFrame(connection.getMethodRegistry()
                                .createBasicCancelBody(AMQShortString.valueOf(tag), true)
                                .generateFrame(channel.getChannelId()));
                    }
                });
            }
        }
    }
}
