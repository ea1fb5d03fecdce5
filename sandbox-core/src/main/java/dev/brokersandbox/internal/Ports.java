package dev.brokersandbox.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports. */
public final class Ports {

    /** The only address the sandbox listens on unless a launcher flag says otherwise. */
    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {
    }

    /**
     * The host clients are told to connect to: the bind address itself, or this machine's name
     * when the bind address is a wildcard (a client cannot connect to 0.0.0.0).
     */
    public static String advertisedHost(String bindAddress) {
        try {
            InetAddress address = InetAddress.getByName(bindAddress);
            return address.isAnyLocalAddress() ? InetAddress.getLocalHost().getHostName() : bindAddress;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + bindAddress + ": " + e.getMessage(), e);
        }
    }

    /**
     * A port that was free a moment ago. Only for the rare place that needs a port number before
     * the server binds it (Kafka's controller quorum voters); everything else binds port 0.
     */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on " + LOOPBACK + ": " + e.getMessage(), e);
        }
    }
}
