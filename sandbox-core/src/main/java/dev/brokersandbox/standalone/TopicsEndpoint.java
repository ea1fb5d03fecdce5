package dev.brokersandbox.standalone;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.brokersandbox.KafkaBroker;
import dev.brokersandbox.KafkaSetup;
import dev.brokersandbox.internal.Json;

/**
 * A reuse launcher's topic work for the test JVMs attached to it (see {@code LauncherTopics}): a PUT
 * of topics (name, partitions, replicationFactor, config) recreates them, a DELETE of names deletes
 * them, both with the launcher's own Admin client, already connected and warm.
 */
final class TopicsEndpoint implements HttpHandler {

    private final KafkaBroker kafka;

    TopicsEndpoint(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void handle(HttpExchange exchange) throws IOException {
        int status = 204;
        String answer = "";
        try {
            Object body = Json.readObject("{\"body\":" + new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8) + "}").get("body");
            switch (exchange.getRequestMethod()) {
                case "PUT" -> {
                    KafkaSetup setup = new KafkaSetup();
                    for (Map<String, Object> t : (List<Map<String, Object>>) body) {
                        setup.topic((String) t.get("name"), ((Number) t.get("partitions")).intValue(),
                                ((Number) t.get("replicationFactor")).intValue(), (Map<String, String>) t.get("config"));
                    }
                    kafka.recreateTopics(setup);
                }
                case "DELETE" -> kafka.deleteTopics((List<String>) body);
                default -> {
                    status = 405;
                    answer = "PUT topics to recreate, DELETE names to delete";
                }
            }
        } catch (RuntimeException e) {
            status = e instanceof ClassCastException || e instanceof IllegalArgumentException ? 400 : 500;
            answer = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
