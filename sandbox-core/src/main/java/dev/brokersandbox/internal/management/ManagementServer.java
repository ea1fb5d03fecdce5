package dev.brokersandbox.internal.management;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import dev.brokersandbox.internal.Ports;

/**
 * A {@link ManagementApi} on its own port of 127.0.0.1, for a broker that has no launcher's status
 * server to share (a sandbox in a test JVM).
 */
public final class ManagementServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private ManagementServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Serves {@code api} on {@code port} (0: a free one). */
    public static ManagementServer start(ManagementApi api, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, port), 0);
            server.createContext(ManagementApi.PATH, api);
            // Requests wait on the broker (a declare, a get): more than one at a time, on daemon threads.
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "broker-sandbox-management");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            server.start();
            return new ManagementServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not listen for the management API on " + Ports.LOOPBACK + ":" + port, e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, as RabbitMQ's management URL (the API is under {@code /api/}). */
    public String url() {
        return "http://" + Ports.LOOPBACK + ":" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
