package dev.brokersandbox.internal.management;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;

/**
 * The API's changes to the broker, made over AMQP as the requesting user, so that the broker's own
 * permission checks and RabbitMQ's refusals apply, mapped to the status codes RabbitMQ's management
 * plugin answers with. One short-lived connection per request.
 */
final class AmqpOperations {

    /** The client-provided name of the API's own connections, which it leaves out of its listing. */
    static final String CONNECTION_NAME = "broker-sandbox-management";
    private static final int TIMEOUT_MILLIS = 30_000;
    private static final Set<String> EXCHANGE_TYPES = Set.of("direct", "fanout", "topic", "headers");
    private static final Set<String> ACK_MODES = Set.of("ack_requeue_true", "ack_requeue_false",
            "reject_requeue_true", "reject_requeue_false");

    private final Function<String, ConnectionFactory> factories;
    private final String user;
    private final String password;

    AmqpOperations(Function<String, ConnectionFactory> factories, String user, String password) {
        this.factories = factories;
        this.user = user;
        this.password = password;
    }

    private interface ChannelCall<T> {
        T run(Channel channel) throws IOException, InterruptedException, TimeoutException;
    }

    void declareQueue(String vhost, String name, Map<String, Object> body) {
        boolean durable = flag(body, "durable");
        boolean autoDelete = flag(body, "auto_delete");
        Map<String, Object> arguments = table(body, "arguments");
        withChannel(vhost, false, ch -> ch.queueDeclare(name, durable, false, autoDelete, arguments));
    }

    void deleteQueue(String vhost, String name, boolean ifUnused, boolean ifEmpty) {
        withChannel(vhost, false, ch -> ch.queueDelete(name, ifUnused, ifEmpty));
    }

    void purge(String vhost, String name) {
        withChannel(vhost, false, ch -> ch.queuePurge(name));
    }

    void declareExchange(String vhost, String name, Map<String, Object> body) {
        String type = String.valueOf(body.getOrDefault("type", "direct"));
        if (!EXCHANGE_TYPES.contains(type) && !type.startsWith("x-")) {
            throw ApiError.badRequest("unknown exchange type '" + type + "'");
        }
        refuseReserved(name);
        boolean durable = flag(body, "durable");
        boolean autoDelete = flag(body, "auto_delete");
        boolean internal = flag(body, "internal");
        Map<String, Object> arguments = table(body, "arguments");
        withChannel(vhost, false, ch -> ch.exchangeDeclare(name, type, durable, autoDelete, internal, arguments));
    }

    void deleteExchange(String vhost, String name, boolean ifUnused) {
        refuseReserved(name);
        withChannel(vhost, false, ch -> ch.exchangeDelete(name, ifUnused));
    }

    /** RabbitMQ's management refuses to change the default exchange and the {@code amq.*} ones. */
    private static void refuseReserved(String exchange) {
        if (exchange.startsWith("amq.")) {
            throw ApiError.notAuthorised("Access refused.");
        }
    }

    void bind(String vhost, String exchange, String queue, String routingKey, Map<String, Object> arguments) {
        withChannel(vhost, false, ch -> ch.queueBind(queue, exchange, routingKey, arguments));
    }

    void unbind(String vhost, String exchange, String queue, String routingKey, Map<String, Object> arguments) {
        withChannel(vhost, false, ch -> ch.queueUnbind(queue, exchange, routingKey, arguments));
    }

    /** {@code {"routed": true}} when a queue took the message. */
    Map<String, Object> publish(String vhost, String exchange, Map<String, Object> body) {
        requireKeys(body, "properties", "routing_key", "payload", "payload_encoding");
        byte[] payload = "base64".equals(body.get("payload_encoding"))
                ? Base64.getDecoder().decode(String.valueOf(body.get("payload")))
                : String.valueOf(body.get("payload")).getBytes(StandardCharsets.UTF_8);
        AMQP.BasicProperties properties = properties(table(body, "properties"));
        String routingKey = String.valueOf(body.get("routing_key"));
        return withChannel(vhost, true, ch -> {
            AtomicBoolean returned = new AtomicBoolean();
            ch.addReturnListener(r -> returned.set(true));
            ch.confirmSelect();
            // Mandatory: the broker returns what no queue takes before it confirms it.
            ch.basicPublish(exchange, routingKey, true, properties, payload);
            ch.waitForConfirmsOrDie(TIMEOUT_MILLIS);
            return Map.of("routed", !returned.get());
        });
    }

    /** Up to {@code count} messages of {@code queue}, taken, then acknowledged or given back as {@code ackmode} says. */
    List<Map<String, Object>> get(String vhost, String queue, Map<String, Object> body) {
        requireKeys(body, "ackmode", "encoding");
        String ackMode = String.valueOf(body.get("ackmode"));
        if (!ACK_MODES.contains(ackMode)) {
            throw ApiError.badRequest("Invalid ackmode: " + ackMode + " (one of " + String.join(", ", ACK_MODES) + ")");
        }
        int count = body.get("count") instanceof Number n ? n.intValue() : 1;
        int truncate = body.get("truncate") instanceof Number n ? n.intValue() : Integer.MAX_VALUE;
        boolean base64 = "base64".equals(body.get("encoding"));
        return withChannel(vhost, false, ch -> {
            List<Map<String, Object>> messages = new ArrayList<>();
            long lastTag = -1;
            for (int i = 0; i < count; i++) {
                GetResponse response = ch.basicGet(queue, false);
                if (response == null) {
                    break;
                }
                lastTag = response.getEnvelope().getDeliveryTag();
                messages.add(message(response, base64, truncate));
            }
            if (lastTag >= 0) {
                switch (ackMode) {
                    case "ack_requeue_false" -> ch.basicAck(lastTag, true);
                    case "reject_requeue_false" -> ch.basicNack(lastTag, true, false);
                    default -> ch.basicNack(lastTag, true, true); // given back, marked redelivered
                }
            }
            return messages;
        });
    }

    private static Map<String, Object> message(GetResponse response, boolean base64, int truncate) {
        byte[] body = response.getBody();
        byte[] shown = body.length > truncate ? Arrays.copyOf(body, truncate) : body;
        String text = base64 ? null : utf8(shown);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("payload_bytes", body.length);
        m.put("redelivered", response.getEnvelope().isRedeliver());
        m.put("exchange", response.getEnvelope().getExchange());
        m.put("routing_key", response.getEnvelope().getRoutingKey());
        m.put("message_count", response.getMessageCount());
        Map<String, Object> properties = properties(response.getProps());
        // RabbitMQ writes an empty property list as [], not {}.
        m.put("properties", properties.isEmpty() ? List.of() : properties);
        m.put("payload", text != null ? text : Base64.getEncoder().encodeToString(shown));
        m.put("payload_encoding", text != null ? "string" : "base64");
        return m;
    }

    /** {@code bytes} as text, or null if they are not UTF-8. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Map<String, Object> properties(AMQP.BasicProperties p) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "content_type", p.getContentType());
        put(m, "content_encoding", p.getContentEncoding());
        put(m, "headers", p.getHeaders() == null ? null : Values.toJson(p.getHeaders()));
        put(m, "delivery_mode", p.getDeliveryMode());
        put(m, "priority", p.getPriority());
        put(m, "correlation_id", p.getCorrelationId());
        put(m, "reply_to", p.getReplyTo());
        put(m, "expiration", p.getExpiration());
        put(m, "message_id", p.getMessageId());
        put(m, "timestamp", p.getTimestamp() == null ? null : p.getTimestamp().getTime() / 1000);
        put(m, "type", p.getType());
        put(m, "user_id", p.getUserId());
        put(m, "app_id", p.getAppId());
        put(m, "cluster_id", p.getClusterId());
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static AMQP.BasicProperties properties(Map<String, Object> json) {
        Object headers = json.get("headers");
        return new AMQP.BasicProperties.Builder()
                .contentType(text(json, "content_type"))
                .contentEncoding(text(json, "content_encoding"))
                .headers(headers instanceof Map<?, ?> h ? (Map<String, Object>) h : null)
                .deliveryMode(integer(json, "delivery_mode"))
                .priority(integer(json, "priority"))
                .correlationId(text(json, "correlation_id"))
                .replyTo(text(json, "reply_to"))
                .expiration(text(json, "expiration"))
                .messageId(text(json, "message_id"))
                .timestamp(json.get("timestamp") instanceof Number n ? new Date(n.longValue() * 1000) : null)
                .type(text(json, "type"))
                .userId(text(json, "user_id"))
                .appId(text(json, "app_id"))
                .clusterId(text(json, "cluster_id"))
                .build();
    }

    private static String text(Map<String, Object> json, String key) {
        Object value = json.get(key);
        return value == null ? null : String.valueOf(value);
    }

    private static Integer integer(Map<String, Object> json, String key) {
        Object value = json.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.valueOf(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("properties." + key + ": " + value + " is not a number");
        }
    }

    /** RabbitMQ's account of the keys a body lacks. */
    private static void requireKeys(Map<String, Object> body, String... keys) {
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            if (!body.containsKey(key)) {
                missing.add("{key_missing," + key + "}");
            }
        }
        if (!missing.isEmpty()) {
            throw ApiError.badRequest("[" + String.join(",", missing) + "]");
        }
    }

    private static boolean flag(Map<String, Object> body, String key) {
        Object value = body.get(key);
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> table(Map<String, Object> body, String key) {
        Object value = body.get(key);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /**
     * Runs {@code call} on a new channel of {@code vhost} as the requesting user; a refusal of the
     * broker becomes RabbitMQ's answer to it. {@code publishing}: RabbitMQ answers a publish the
     * broker refuses with 400 and the broker's code and text.
     */
    private <T> T withChannel(String vhost, boolean publishing, ChannelCall<T> call) {
        ConnectionFactory factory = factories.apply(vhost);
        factory.setUsername(user);
        factory.setPassword(password);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setChannelRpcTimeout(TIMEOUT_MILLIS);
        factory.setConnectionTimeout(TIMEOUT_MILLIS);
        factory.setHandshakeTimeout(TIMEOUT_MILLIS);
        Connection connection;
        try {
            connection = factory.newConnection(CONNECTION_NAME);
        } catch (PossibleAuthenticationFailureException e) {
            throw ApiError.notAuthorised("Access refused.");
        } catch (IOException | TimeoutException e) {
            ShutdownSignalException refusal = shutdown(e);
            if (refusal != null) { // 530 NOT_ALLOWED: the user may not open this virtual host
                throw ApiError.notAuthorised("Access refused.");
            }
            throw new IllegalStateException("Could not connect to the broker's virtual host '" + vhost + "': " + e, e);
        }
        try (connection) {
            return call.run(connection.createChannel());
        } catch (IOException | ShutdownSignalException | TimeoutException e) {
            ShutdownSignalException closed = shutdown(e);
            if (closed == null) {
                throw new IllegalStateException("The broker did not answer within " + TIMEOUT_MILLIS + " ms: " + e, e);
            }
            throw refusal(closed.getReason(), publishing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the broker", e);
        }
    }

    private static ShutdownSignalException shutdown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException s) {
                return s;
            }
        }
        return null;
    }

    private static ApiError refusal(Method reason, boolean publishing) {
        int code;
        String text;
        if (reason instanceof AMQP.Channel.Close close) {
            code = close.getReplyCode();
            text = close.getReplyText();
        } else if (reason instanceof AMQP.Connection.Close close) {
            code = close.getReplyCode();
            text = close.getReplyText();
        } else {
            return ApiError.badRequest(String.valueOf(reason));
        }
        if (publishing) {
            return ApiError.badRequest(code + " " + text);
        }
        return switch (code) {
            case AMQP.ACCESS_REFUSED -> ApiError.notAuthorised("Access refused.");
            case AMQP.NOT_FOUND -> new ApiError(404, "not_found", text);
            case AMQP.PRECONDITION_FAILED -> ApiError.badRequest(text.replaceFirst("^PRECONDITION_FAILED - ", ""));
            default -> ApiError.badRequest(code + " " + text);
        };
    }
}
