package dev.brokersandbox.internal.management;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.brokersandbox.internal.Json;
import dev.brokersandbox.internal.engine.AmqpEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subset of RabbitMQ's management HTTP API ({@code /api/...}) that test code, rabbitmqadmin and
 * client libraries use, over one AMQP broker: the same paths, JSON shapes and status codes as
 * RabbitMQ 3.10, basic authentication with the broker's users (RabbitMQ's management tags
 * decide who may use it; vhost and permission changes need {@code administrator}). What changes
 * the broker's contents (declare, delete, purge, get, publish) goes over AMQP as the requesting
 * user, so the broker checks that user's permissions just as RabbitMQ's management plugin does.
 *
 * <p>Unlike RabbitMQ, whose statistics lag by up to {@code collect_statistics_interval}, counts are
 * current at each request.
 */
public final class ManagementApi implements HttpHandler {

    /** Where the API is mounted: RabbitMQ's path. */
    public static final String PATH = "/api/";
    private static final Logger LOG = LoggerFactory.getLogger(ManagementApi.class);
    private static final Set<String> MANAGEMENT_TAGS = Set.of("management", "policymaker", "monitoring", "administrator");

    private final AmqpEngine engine;
    private final Shapes shapes;
    private final Function<String, ConnectionFactory> factories;
    private final String ownUser;
    private volatile String version;

    /**
     * @param factories a connection factory for a virtual host, as the broker's own user
     *                  ({@code ownUser}); each request's user replaces the credentials
     */
    public ManagementApi(AmqpEngine engine, Function<String, ConnectionFactory> factories, String ownUser, String host,
                         int port) {
        this.engine = engine;
        this.factories = factories;
        this.ownUser = ownUser;
        this.shapes = new Shapes(engine, host, port);
    }

    /** The RabbitMQ version the broker claims in its server properties, which the API reports as its own. */
    private String version() {
        if (version == null) {
            ConnectionFactory factory = factories.apply("/");
            factory.setAutomaticRecoveryEnabled(false);
            try (Connection connection = factory.newConnection(AmqpOperations.CONNECTION_NAME)) {
                version = String.valueOf(connection.getServerProperties().get("version"));
            } catch (IOException | TimeoutException e) {
                throw new IllegalStateException("Could not read the broker's version from its server properties: " + e, e);
            }
        }
        return version;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer;
            try {
                answer = answer(exchange);
            } catch (ApiError e) {
                answer = new Answer(e.status, e.body());
                if (e.status == 401 && "not_authorized".equals(e.error)) { // a failed login, not a refusal
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"RabbitMQ Management\"");
                }
            } catch (RuntimeException e) {
                LOG.warn("The management API failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                answer = new Answer(500, Map.of("error", "Internal Server Error", "reason", String.valueOf(e)));
            }
            send(exchange, answer);
        }
    }

    /** A status, a JSON body (null for none) and a Location (null for none). */
    record Answer(int status, Object body, String location) {
        Answer(int status, Object body) {
            this(status, body, null);
        }

        static Answer created() {
            return new Answer(201, null);
        }

        static Answer noContent() {
            return new Answer(204, null);
        }

        static Answer ok(Object body) {
            return new Answer(200, body);
        }
    }

    private Answer answer(HttpExchange exchange) throws IOException {
        String user = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        List<String> path = segments(exchange.getRequestURI().getRawPath());
        String method = exchange.getRequestMethod();
        byte[] body = exchange.getRequestBody().readAllBytes();
        Request request = new Request(method, path, body, query(exchange.getRequestURI().getRawQuery()), user,
                password(exchange.getRequestHeaders().getFirst("Authorization")),
                exchange.getRequestHeaders().getFirst("X-Reason"));
        Routes routes = new Routes(engine, shapes, new AmqpOperations(factories, request.user(), request.password()),
                this::isAdministrator, ownUser, this::version);
        Answer answer = routes.route(request);
        if (answer == null) {
            List<String> allowed = routes.allowed(path);
            if (allowed.isEmpty()) {
                throw ApiError.notFound();
            }
            exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
            return new Answer(405, null);
        }
        return answer;
    }

    /** One request, parsed: the path's segments decoded ({@code %2F} is the virtual host {@code /}). */
    record Request(String method, List<String> path, byte[] body, Map<String, String> query, String user,
                   String password, String reason) {

        Map<String, Object> json() {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                return Map.of();
            }
            try {
                return Json.readObject(text);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("not_json");
            }
        }
    }

    private String authenticate(String authorization) {
        String[] credentials = credentials(authorization);
        if (credentials == null) {
            throw new ApiError(401, "not_authorized", "Login failed");
        }
        if (!engine.authenticate(credentials[0], credentials[1])) {
            throw new ApiError(401, "not_authorized", "Login failed");
        }
        List<String> tags = engine.userTags(credentials[0]);
        if (tags.stream().noneMatch(MANAGEMENT_TAGS::contains)) {
            throw ApiError.notAuthorised("Not management user");
        }
        return credentials[0];
    }

    private boolean isAdministrator(String user) {
        return engine.userTags(user).contains("administrator");
    }

    private static String password(String authorization) {
        return credentials(authorization)[1];
    }

    /** User and password of a basic {@code authorization}, or null if it is none. */
    private static String[] credentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    /** The segments after {@value #PATH}, each percent-decoded (a {@code +} stays a plus, as in RabbitMQ's paths). */
    static List<String> segments(String rawPath) {
        String rest = rawPath.length() <= PATH.length() ? "" : rawPath.substring(PATH.length());
        List<String> segments = new ArrayList<>();
        for (String raw : rest.split("/", -1)) {
            segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        if (segments.size() > 1 && segments.get(segments.size() - 1).isEmpty()) {
            segments.remove(segments.size() - 1); // a trailing slash
        }
        return segments;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new java.util.HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        if (answer.location() != null) {
            exchange.getResponseHeaders().set("Location", answer.location());
        }
        if (answer.body() == null) {
            exchange.sendResponseHeaders(answer.status(), -1);
            return;
        }
        byte[] bytes = Json.write(answer.body()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
