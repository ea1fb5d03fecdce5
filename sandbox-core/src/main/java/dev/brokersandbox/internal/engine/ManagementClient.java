package dev.brokersandbox.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.brokersandbox.SandboxException;
import dev.brokersandbox.internal.Json;

/**
 * A client of RabbitMQ's management HTTP API: what the sandbox asks of an external AMQP broker.
 * {@code HttpURLConnection}, not {@code java.net.http.HttpClient}: in a fresh JVM the latter's
 * classes, selector thread and first request cost more than the few calls a test class makes: in
 * reuse mode, which attaches before the first test, the switch took that test's wait to 0.90x (measured).
 */
final class ManagementClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A status and a body. */
    record Response(int status, String body) {
        Object json() {
            return body.isBlank() ? null : Json.readObject("{\"body\":" + body + "}").get("body");
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list() {
            return (List<Map<String, Object>>) json();
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object() {
            return (Map<String, Object>) json();
        }
    }

    private final String baseUrl;
    private final String authorization;

    ManagementClient(String baseUrl, String username, String password) {
        this.baseUrl = baseUrl;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code /api/queues/%2F}: each segment percent-encoded, as the API wants a virtual host {@code /}. */
    static String path(String... segments) {
        StringBuilder path = new StringBuilder("/api");
        for (String segment : segments) {
            path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path.toString();
    }

    Response get(String path) {
        return send("GET", path, null);
    }

    Response put(String path, Object json) {
        return send("PUT", path, json);
    }

    Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** {@code method path}, expecting a 2xx or one of {@code alsoFine}; anything else is a SandboxException naming it. */
    Response expect(String method, String path, Object json, int... alsoFine) {
        Response response = send(method, path, json);
        if (response.status() / 100 == 2) {
            return response;
        }
        for (int fine : alsoFine) {
            if (response.status() == fine) {
                return response;
            }
        }
        throw new SandboxException("RabbitMQ's management API at " + baseUrl + " answered " + method + " " + path + " with "
                + response.status() + " " + response.body().strip() + (response.status() == 401
                ? ": the management user needs the administrator tag (rabbitmqctl set_user_tags USER administrator)" : ""));
    }

    Response send(String method, String path, Object json) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + path).toURL().openConnection();
            connection.setConnectTimeout((int) TIMEOUT.toMillis());
            connection.setReadTimeout((int) TIMEOUT.toMillis());
            connection.setRequestMethod(method);
            connection.setRequestProperty("Authorization", authorization);
            connection.setRequestProperty("Content-Type", "application/json");
            if (json != null) {
                connection.setDoOutput(true);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(Json.write(json).getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = connection.getResponseCode();
            // Read to the end and closed: the JDK then keeps the connection for the next call.
            try (InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                return new Response(status, body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (ConnectException e) {
            throw new SandboxException("Nothing answers at " + baseUrl + " (RabbitMQ's management HTTP API, for "
                    + method + " " + path + "): is the management plugin enabled (rabbitmq-plugins enable "
                    + "rabbitmq_management) and the URL right?", e);
        } catch (IOException e) {
            throw new SandboxException("RabbitMQ's management API at " + baseUrl + " failed " + method + " " + path
                    + " within " + TIMEOUT.toSeconds() + " s: " + e, e);
        }
    }

    String baseUrl() {
        return baseUrl;
    }
}
