package dev.brokersandbox.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;

/** Reads what a queue holds right now, for the routing samples. */
final class Queues {

    private Queues() {
    }

    /**
     * Takes every message the queue holds, with {@code basic.get}, and returns their bodies in queue order.
     * Only meaningful after the publisher's confirms: then every routed message is in its queues.
     */
    static List<String> drain(Channel channel, String queue) throws IOException {
        List<String> bodies = new ArrayList<>();
        for (GetResponse response = channel.basicGet(queue, true); response != null; response = channel.basicGet(queue, true)) {
            bodies.add(new String(response.getBody(), StandardCharsets.UTF_8));
        }
        return bodies;
    }
}
