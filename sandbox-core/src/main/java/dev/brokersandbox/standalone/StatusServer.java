package dev.brokersandbox.standalone;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.brokersandbox.internal.Ports;
import dev.brokersandbox.internal.engine.ReuseLauncher;
import dev.brokersandbox.internal.management.ManagementApi;

/**
 * Serves the {@link StatusReport} on 127.0.0.1 only (also with {@code --bind}): as plain text for
 * {@code --status} in a second terminal, as a self-refreshing page for a browser. A POST to
 * {@value #CONTROL} runs a {@link NodeCommands} command for {@code --ctl}. Under {@code /api/},
 * RabbitMQ's management HTTP API ({@link ManagementApi}), on 15672 as RabbitMQ serves it. A reuse
 * launcher also takes the topic work of the test JVMs attached to it ({@link TopicsEndpoint}).
 */
final class StatusServer implements AutoCloseable {

    static final String PATH = "/";
    static final String CONTROL = "/ctl";
    /** The exit code of a {@code --ctl} command travels in this header; its output in the body. */
    private static final String EXIT_CODE = "X-Exit-Code";
    /** Separates a command's arguments in the POST body: no argument contains it. */
    private static final String SEPARATOR = "\u0000";
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);

    private final HttpServer server;
    private final ExecutorService executor;

    private StatusServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** {@code management}: null without an AMQP broker; {@code topics}: null unless a reuse launcher serves them. */
    static StatusServer start(int port, Supplier<String> report, Function<List<String>, NodeCommands.Result> control,
                              ManagementApi management, TopicsEndpoint topics) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, port), 0);
            server.createContext(PATH, exchange -> answer(exchange, report));
            server.createContext(CONTROL, exchange -> control(exchange, control));
            if (management != null) {
                server.createContext(ManagementApi.PATH, management);
            }
            if (topics != null) {
                server.createContext(ReuseLauncher.TOPICS_PATH, topics);
            }
            // A management request waits on the broker: the next request need not wait for it.
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "broker-sandbox-status");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            server.start();
            return new StatusServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, Supplier<String> report) throws IOException {
        int code;
        String body;
        if (!PATH.equals(exchange.getRequestURI().getPath())) {
            code = 404;
            body = "Nothing here: the status is at " + PATH + "\n";
        } else {
            try {
                code = 200;
                body = report.get();
            } catch (RuntimeException e) {
                code = 500;
                body = "The status could not be read: " + e + "\n";
            }
        }
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        boolean browser = accept != null && accept.contains("text/html");
        byte[] bytes = (browser ? page(body) : body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", (browser ? "text/html" : "text/plain") + "; charset=utf-8");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void control(HttpExchange exchange, Function<List<String>, NodeCommands.Result> control)
            throws IOException {
        NodeCommands.Result result;
        if (!"POST".equals(exchange.getRequestMethod())) {
            result = new NodeCommands.Result(NodeCommands.USAGE, "POST a command to " + CONTROL + "\n");
        } else {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            result = control.apply(body.isEmpty() ? List.of() : List.of(body.split(SEPARATOR, -1)));
        }
        byte[] bytes = result.output().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set(EXIT_CODE, String.valueOf(result.exitCode()));
        exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The same report for a browser, refreshed every two seconds so a class can watch messages move. */
    private static String page(String report) {
        String escaped = report.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta http-equiv="refresh" content="2">
                <title>Broker Sandbox status</title>
                <style>body { margin: 2em; } pre { font-size: 15px; line-height: 1.4; }</style>
                </head>
                <body>
                <pre id="status">%s</pre>
                </body>
                </html>
                """.formatted(escaped);
    }

    /**
     * The report of the launcher whose status page listens on {@code port}.
     *
     * @throws ConnectException when no launcher listens there
     */
    static String fetch(int port) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(CLIENT_TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + Ports.LOOPBACK + ":" + port + PATH))
                .header("Accept", "text/plain").timeout(CLIENT_TIMEOUT).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the status page at " + request.uri() + " answered " + response.statusCode()
                    + ": " + response.body().strip());
        }
        return response.body();
    }

    /**
     * Runs {@code args} as a command on the launcher whose status page listens on {@code port}.
     *
     * @throws ConnectException when no launcher listens there
     */
    static NodeCommands.Result control(int port, List<String> args) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(CLIENT_TIMEOUT).build();
        // stop_app waits for connections to close; well within the request's bound.
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + Ports.LOOPBACK + ":" + port + CONTROL))
                .timeout(CLIENT_TIMEOUT.multipliedBy(4))
                .POST(HttpRequest.BodyPublishers.ofString(String.join(SEPARATOR, args))).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        String code = response.headers().firstValue(EXIT_CODE).orElse(null);
        if (response.statusCode() != 200 || code == null) {
            throw new IOException(request.uri() + " answered " + response.statusCode() + " without an exit code: "
                    + "is this a broker-sandbox launcher of the same version?");
        }
        return new NodeCommands.Result(Integer.parseInt(code), response.body());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
