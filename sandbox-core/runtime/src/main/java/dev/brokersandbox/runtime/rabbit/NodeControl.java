package dev.brokersandbox.runtime.rabbit;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Exchange;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.model.VirtualHostNode;

/**
 * {@code rabbitmqctl stop_app} and {@code start_app} for a Qpid broker, as a RabbitMQ client sees
 * them: the stop closes every connection (320) and refuses new ones; the start brings the node back
 * as a restarted RabbitMQ: durable queues and exchanges with their bindings and persistent messages,
 * nothing else. Qpid's own virtual host restart is not used: an in-memory virtual host does not
 * recover its queues from it.
 */
public final class NodeControl {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<Broker<?>> STOPPED = ConcurrentHashMap.newKeySet();

    private NodeControl() {
    }

    /** Whether new connections to {@code broker} are refused. */
    static boolean isStopped(Broker<?> broker) {
        return STOPPED.contains(broker);
    }

    /** Closes every client connection and refuses new ones; returns once they are closed. */
    public static void stop(Broker<?> broker) {
        STOPPED.add(broker);
        ClientConnections.closeAll(broker, "broker forced connection closure with reason 'shutdown'");
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        while (!ClientConnections.list(broker).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Client connections still open " + CLOSE_TIMEOUT.toSeconds()
                        + " s after the broker closed them: " + ClientConnections.list(broker));
            }
            pause();
        }
    }

    /** What a restarted RabbitMQ keeps, and connections again. */
    public static void start(Broker<?> broker) {
        for (VirtualHostNode<?> node : broker.getChildren(VirtualHostNode.class)) {
            VirtualHost<?> host = node.getVirtualHost();
            if (host != null) {
                keepWhatARestartKeeps(host);
            }
        }
        STOPPED.remove(broker);
    }

    /** The broker closed: nothing of it is kept here. */
    static void forget(Broker<?> broker) {
        STOPPED.remove(broker);
    }

    private static void keepWhatARestartKeeps(VirtualHost<?> host) {
        for (Queue<?> queue : host.getChildren(Queue.class)) {
            if (!queue.isDurable()) {
                queue.delete();
            } else {
                queue.visit(entry -> {
                    if (!entry.getMessage().isPersistent() && entry.acquire()) {
                        entry.delete();
                    }
                    return false;
                });
            }
        }
        for (Exchange<?> exchange : host.getChildren(Exchange.class)) {
            if (!exchange.isDurable()) {
                exchange.delete();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for client connections to close", e);
        }
    }
}
