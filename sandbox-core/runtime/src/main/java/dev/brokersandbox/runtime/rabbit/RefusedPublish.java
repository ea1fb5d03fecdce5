package dev.brokersandbox.runtime.rabbit;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.qpid.server.message.InstanceProperties;
import org.apache.qpid.server.message.MessageDestination;
import org.apache.qpid.server.message.MessageReference;
import org.apache.qpid.server.message.RoutingResult;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.protocol.v0_8.AMQChannel;
import org.apache.qpid.server.protocol.v0_8.AMQMessage;
import org.apache.qpid.server.protocol.v0_8.AMQShortString;
import org.apache.qpid.server.txn.AutoCommitTransaction;
import org.apache.qpid.server.txn.ServerTransaction;

/**
 * A publish that full queues refused ({@code x-overflow=reject-publish} or {@code reject-publish-dlx}),
 * taken on as RabbitMQ does. Qpid puts a message in all of its queues or, when one refuses it, in none;
 * RabbitMQ puts it in every queue with room. A queue declared with {@code reject-publish-dlx} also
 * dead-letters what it refused, with reason {@code maxlen}. The publisher's nack is
 * {@link RabbitConnection}'s.
 */
final class RefusedPublish {

    /** How Qpid's reject policy names the queue in its refusal (RejectPolicyHandler); one per refusing queue. */
    private static final Pattern REFUSING_QUEUE = Pattern.compile("Maximum depth exceeded on '(.*?)' : current=");

    private RefusedPublish() {
    }

    /**
     * Qpid refused {@code message}, published on {@code channel}, for the reasons in {@code refusal}
     * (the text of its 506 return). What RabbitMQ does instead is queued behind the channel's earlier
     * publishes, which Qpid enqueues when it has processed the batch of frames: order is kept.
     */
    static void handle(VirtualHost<?> host, AMQChannel channel, AMQMessage message, String refusal) {
        Set<String> refusing = new HashSet<>();
        Matcher matcher = REFUSING_QUEUE.matcher(refusal);
        while (matcher.find()) {
            refusing.add(matcher.group(1));
        }
        if (refusing.isEmpty()) {
            return; // refused for another reason than a full queue
        }
        MessageReference<AMQMessage> reference = message.newReference(); // Qpid lets go of it after the return
        channel.recordFuture(CompletableFuture.completedFuture(null), new ServerTransaction.Action() {
            @Override
            public void postCommit() {
                try {
                    deadLetter(host, message, refusing);
                    routeToQueuesWithRoom(host, message);
                } finally {
                    reference.release();
                }
            }

            @Override
            public void onRollback() {
                reference.release();
            }
        });
    }

    private static void deadLetter(VirtualHost<?> host, AMQMessage message, Set<String> refusing) {
        for (String name : refusing) {
            Queue<?> queue = host.getChildByName(Queue.class, name);
            if (queue != null && "reject-publish-dlx".equals(queue.getContext().get(RabbitArguments.OVERFLOW))
                    && queue.getAlternateBindingDestination() instanceof DeadLetterDestination deadLetters) {
                DeadLetterDestination.overLength(
                        () -> deadLetters.route(message, message.getInitialRoutingAddress(), InstanceProperties.EMPTY));
            }
        }
    }

    private static void routeToQueuesWithRoom(VirtualHost<?> host, AMQMessage message) {
        AMQShortString exchange = message.getMessagePublishInfo().getExchange();
        MessageDestination destination = SandboxDestination.exchange(host, exchange == null ? "" : exchange.toString());
        if (destination == null) {
            return;
        }
        RoutingResult<AMQMessage> routed =
                destination.route(message, message.getInitialRoutingAddress(), InstanceProperties.EMPTY);
        // Qpid's result sends nowhere while it holds a refusal; the queues that took the message do.
        RoutingResult<AMQMessage> withRoom = new RoutingResult<>(message);
        routed.getRoutes().forEach(withRoom::addQueue);
        withRoom.send(new AutoCommitTransaction(host.getMessageStore()), null);
    }
}
