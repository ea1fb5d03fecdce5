package dev.brokersandbox.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;

/** The address the brokers listen on, and the one clients are told. */
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
}
