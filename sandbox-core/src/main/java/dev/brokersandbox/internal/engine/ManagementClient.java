package dev.brokersandbox.internal.engine;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.brokersandbox.SandboxException;
import dev.brokersandbox.internal.Json;

/** A client of RabbitMQ's management HTTP API: what the sandbox asks of an external AMQP broker. */
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

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.write(json)))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (ConnectException e) {
            throw new SandboxException("Nothing answers at " + baseUrl + " (RabbitMQ's management HTTP API, for "
                    + method + " " + path + "): is the management plugin enabled (rabbitmq-plugins enable "
                    + "rabbitmq_management) and the URL right?", e);
        } catch (IOException e) {
            throw new SandboxException("RabbitMQ's management API at " + baseUrl + " failed " + method + " " + path
                    + " within " + TIMEOUT.toSeconds() + " s: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while calling RabbitMQ's management API at " + baseUrl, e);
        }
    }

    String baseUrl() {
        return baseUrl;
    }
}
