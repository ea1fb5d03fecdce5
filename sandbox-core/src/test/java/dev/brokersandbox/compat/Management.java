package dev.brokersandbox.compat;

import java.io.IOException;
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
import java.util.function.Predicate;

import dev.brokersandbox.internal.Json;

/** A client of a broker's management HTTP API, for {@link ManagementApiScenarios}. */
public final class Management {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final String url;
    private final String user;
    private final String password;

    Management(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The same API as another user; null for no credentials at all. */
    public Management as(String otherUser, String otherPassword) {
        return new Management(url, otherUser, otherPassword);
    }

    /** A path of percent-encoded segments ({@code /} becomes {@code %2F}), as RabbitMQ's clients build them. */
    public static String path(String... segments) {
        StringBuilder path = new StringBuilder("/api");
        for (String segment : segments) {
            path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path.toString();
    }

    public Response get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    public Response put(String path, String json) throws IOException, InterruptedException {
        return send("PUT", path, json);
    }

    public Response post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, json);
    }

    public Response delete(String path) throws IOException, InterruptedException {
        return send("DELETE", path, null);
    }

    public Response send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(), response.headers().map());
    }

    /**
     * GETs {@code path} until its JSON satisfies {@code condition}, for at most {@link Amqp#WAIT}:
     * RabbitMQ's statistics (counts, connections) lag behind the broker by its collection interval.
     */
    public Object await(String path, Predicate<Object> condition, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Amqp.WAIT.toNanos();
        Response last;
        do {
            last = get(path);
            if (last.status() == 200 && condition.test(last.json())) {
                return last.json();
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("GET " + path + " did not show " + what + " within " + Amqp.WAIT.toSeconds()
                + " s; it last answered " + last.status() + " " + last.body());
    }

    /** A status, a body and the headers (their names in lower case). */
    public record Response(int status, String body, Map<String, List<String>> headers) {

        /** The body as JDK values: maps, lists, strings, numbers, booleans. */
        public Object json() {
            return Json.readObject("{\"body\":" + body + "}").get("body");
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> object() {
            return (Map<String, Object>) json();
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> list() {
            return (List<Map<String, Object>>) json();
        }

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }
}
