package dev.brokersandbox.compat;

import static dev.brokersandbox.compat.Management.path;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/**
 * RabbitMQ's management HTTP API: paths, status codes and JSON fields that test code, rabbitmqadmin
 * and client libraries rely on, as RabbitMQ 3.10 answers them. Counts are awaited: RabbitMQ's lag
 * behind its queues by the statistics interval.
 */
class ManagementApiScenarios {

    @Scenario
    void overviewNamesRabbitMqItsVersionAndTheAmqpListener(Broker broker) throws Exception {
        Management.Response overview = broker.management().get("/api/overview");

        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.header("Content-Type")).startsWith("application/json");
        assertThat(overview.object()).containsEntry("product_name", "RabbitMQ")
                .containsKeys("rabbitmq_version", "management_version", "node", "cluster_name", "object_totals",
                        "queue_totals");
        assertThat((String) overview.object().get("rabbitmq_version")).startsWith("3.");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listeners = (List<Map<String, Object>>) overview.object().get("listeners");
        assertThat(listeners).anySatisfy(l -> assertThat(l).containsEntry("protocol", "amqp"));
    }

    @Scenario
    void requestWithoutCredentialsIsChallengedWith401(Broker broker) throws Exception {
        Management.Response response = broker.management().as(null, null).get("/api/overview");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Basic realm=\"RabbitMQ Management\"");
    }

    @Scenario
    void wrongPasswordIs401LoginFailed(Broker broker) throws Exception {
        Management.Response response = broker.management().as("guest", "wrong").get("/api/overview");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.object()).isEqualTo(Map.of("error", "not_authorized", "reason", "Login failed"));
    }

    @Scenario
    void userWithoutAManagementTagIsRefused(Broker broker) throws Exception {
        try (Broker.User user = broker.user(".*", ".*", ".*")) {
            Management.Response response = broker.management().as(user.name(), "secret").get("/api/overview");

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.object()).isEqualTo(Map.of("error", "not_authorised", "reason", "Not management user"));
        }
    }

    @Scenario
    void managementUserMayNotCreateVirtualHosts(Broker broker) throws Exception {
        try (Broker.User user = broker.user(".*", ".*", ".*").tags("management")) {
            Management.Response response = broker.management().as(user.name(), "secret")
                    .put(path("vhosts", broker.unique("vhost")), null);

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.object()).isEqualTo(Map.of("error", "not_authorised", "reason", "Not administrator user"));
        }
    }

    @Scenario
    void managementUserMayNotSeeAVirtualHostItHasNoPermissionsOn(Broker broker) throws Exception {
        try (Broker.User user = broker.user(null, null, null).tags("management")) {
            Management api = broker.management().as(user.name(), "secret");

            Management.Response response = api.get(path("queues", "/"));

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.object()).isEqualTo(Map.of("error", "not_authorised",
                    "reason", "User not authorised to access virtual host"));
            assertThat(api.get("/api/vhosts").list()).extracting(v -> v.get("name")).doesNotContain("/");
        }
    }

    @Scenario
    void userIsAddedTaggedAndDeleted(Broker broker) throws Exception {
        Management api = broker.management();
        String user = broker.unique("user");

        assertThat(api.put(path("users", user), "{\"password\":\"secret\",\"tags\":\"management\"}").status())
                .isEqualTo(201);
        assertThat(api.get(path("users", user)).object()).containsEntry("name", user)
                .containsEntry("tags", List.of("management"));
        assertThat(api.as(user, "secret").get("/api/overview").status()).isEqualTo(200);

        assertThat(api.delete(path("users", user)).status()).isEqualTo(204);
        assertThat(api.delete(path("users", user)).status()).isEqualTo(404);
        assertThat(api.get(path("users", user)).status()).isEqualTo(404);
    }

    @Scenario
    void policyIsSetShownAndCleared(Broker broker) throws Exception {
        Management api = broker.management();
        String policy = broker.unique("policy");
        String body = "{\"pattern\":\"^" + policy + "$\",\"definition\":{\"message-ttl\":1000},\"priority\":1,"
                + "\"apply-to\":\"queues\"}";

        assertThat(api.put(path("policies", "/", policy), body).status()).isEqualTo(201);
        assertThat(api.put(path("policies", "/", policy), body).status()).isEqualTo(204);
        assertThat(api.get(path("policies", "/", policy)).object()).containsEntry("name", policy)
                .containsEntry("vhost", "/").containsEntry("pattern", "^" + policy + "$")
                .containsEntry("definition", Map.of("message-ttl", 1000)).containsEntry("priority", 1)
                .containsEntry("apply-to", "queues");

        assertThat(api.delete(path("policies", "/", policy)).status()).isEqualTo(204);
        assertThat(api.delete(path("policies", "/", policy)).status()).isEqualTo(404);
    }

    @Scenario
    void virtualHostIsCreatedOnceListedAndDeleted(Broker broker) throws Exception {
        Management api = broker.management();
        String vhost = broker.unique("vhost");

        assertThat(api.put(path("vhosts", vhost), null).status()).isEqualTo(201);
        assertThat(api.put(path("vhosts", vhost), null).status()).isEqualTo(204);
        Management.Response one = api.get(path("vhosts", vhost));
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.object()).containsEntry("name", vhost).containsEntry("tracing", false);
        assertThat(api.get("/api/vhosts").list()).extracting(v -> v.get("name")).contains("/", vhost);

        assertThat(api.delete(path("vhosts", vhost)).status()).isEqualTo(204);
        Management.Response again = api.delete(path("vhosts", vhost));
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.object()).isEqualTo(Map.of("error", "Object Not Found", "reason", "Not Found"));
        assertThat(api.get(path("vhosts", vhost)).status()).isEqualTo(404);
    }

    @Scenario
    void permissionsForAMissingVirtualHostOrUserAre400(Broker broker) throws Exception {
        Management api = broker.management();
        String all = "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}";

        Management.Response noVhost = api.put(path("permissions", broker.unique("missing"), "guest"), all);
        Management.Response noUser = api.put(path("permissions", "/", broker.unique("nobody")), all);

        assertThat(noVhost.status()).isEqualTo(400);
        assertThat(noVhost.object()).isEqualTo(Map.of("error", "bad_request", "reason", "vhost_or_user_not_found"));
        assertThat(noUser.status()).isEqualTo(400);
        assertThat(noUser.object()).isEqualTo(Map.of("error", "bad_request", "reason", "vhost_or_user_not_found"));
    }

    @Scenario
    void permissionsLetAUserOpenANewVirtualHost(Broker broker) throws Exception {
        Management api = broker.management();
        String vhost = broker.unique("vhost");
        api.put(path("vhosts", vhost), null);
        try (Broker.User user = broker.user(null, null, null)) {
            String all = "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}";

            assertThat(api.put(path("permissions", vhost, user.name()), all).status()).isEqualTo(201);
            assertThat(api.put(path("permissions", vhost, user.name()), all).status()).isEqualTo(204);
            try (Connection connection = broker.connect(f -> {
                f.setUsername(user.name());
                f.setPassword("secret");
                f.setVirtualHost(vhost);
            })) {
                assertThat(connection.isOpen()).isTrue();
            }
        } finally {
            api.delete(path("vhosts", vhost));
        }
    }

    @Scenario
    void queueDeclaredThroughTheApiShowsWhatItWasDeclaredWith(Broker broker) throws Exception {
        Management api = broker.management();
        String queue = broker.unique("queue");
        String declare = "{\"durable\":true,\"auto_delete\":false,\"arguments\":{\"x-message-ttl\":60000}}";
        try {
            assertThat(api.put(path("queues", "/", queue), declare).status()).isEqualTo(201);
            assertThat(api.put(path("queues", "/", queue), declare).status()).isEqualTo(204);

            Map<String, Object> shown = api.get(path("queues", "/", queue)).object();
            assertThat(shown).containsEntry("name", queue).containsEntry("vhost", "/").containsEntry("durable", true)
                    .containsEntry("auto_delete", false).containsEntry("exclusive", false)
                    .containsEntry("type", "classic").containsEntry("arguments", Map.of("x-message-ttl", 60000));
            assertThat(api.get(path("queues", "/")).list()).extracting(q -> q.get("name")).contains(queue);
        } finally {
            api.delete(path("queues", "/", queue));
        }
    }

    @Scenario
    void redeclaringAQueueWithOtherDurabilityIs400Inequivalent(Broker broker) throws Exception {
        Management api = broker.management();
        String queue = broker.unique("queue");
        try {
            api.put(path("queues", "/", queue), "{\"durable\":true}");

            Management.Response response = api.put(path("queues", "/", queue), "{\"durable\":false}");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.object()).containsEntry("error", "bad_request");
            assertThat((String) response.object().get("reason"))
                    .startsWith("inequivalent arg 'durable' for queue '" + queue + "'");
        } finally {
            api.delete(path("queues", "/", queue));
        }
    }

    @Scenario
    void queueInAMissingVirtualHostIs404(Broker broker) throws Exception {
        Management api = broker.management();
        String vhost = broker.unique("missing");

        Management.Response declare = api.put(path("queues", vhost, "q"), "{}");

        assertThat(declare.status()).isEqualTo(404);
        assertThat(declare.object()).isEqualTo(Map.of("error", "not_found", "reason", "vhost_not_found"));
        assertThat(api.get(path("queues", vhost)).status()).isEqualTo(404);
        assertThat(api.get(path("queues", "/", broker.unique("missing"))).status()).isEqualTo(404);
    }

    @Scenario
    void queueCountsShowReadyUnacknowledgedAndConsumers(Broker broker) throws Exception {
        Management api = broker.management();
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare(broker.unique("queue"), false, false, false, null).getQueue();
            for (int i = 0; i < 3; i++) {
                Amqp.publish(channel, "", queue, "m" + i);
            }
            channel.basicQos(1);
            channel.basicConsume(queue, false, (tag, delivery) -> { }, tag -> { }); // never acknowledges

            Object shown = api.await(path("queues", "/", queue), q -> ((Map<?, ?>) q).get("messages_unacknowledged")
                    instanceof Number n && n.intValue() == 1 && ((Map<?, ?>) q).get("consumers") instanceof Number c
                    && c.intValue() == 1, "one unacknowledged message and one consumer");

            assertThat(count(shown, "messages")).isEqualTo(3);
            assertThat(count(shown, "messages_ready")).isEqualTo(2);
            channel.queueDelete(queue);
        }
    }

    @Scenario
    void deletingTheContentsPurgesTheQueue(Broker broker) throws Exception {
        Management api = broker.management();
        String queue = broker.unique("queue");
        api.put(path("queues", "/", queue), "{}");
        try {
            publish(api, "amq.default", queue, "one");
            publish(api, "amq.default", queue, "two");
            api.await(path("queues", "/", queue), q -> count(q, "messages") == 2, "two messages");

            assertThat(api.delete(path("queues", "/", queue, "contents")).status()).isEqualTo(204);

            api.await(path("queues", "/", queue), q -> count(q, "messages") == 0, "no messages");
        } finally {
            api.delete(path("queues", "/", queue));
        }
    }

    @Scenario
    void publishedMessageIsGotWithItsPropertiesAndRequeued(Broker broker) throws Exception {
        Management api = broker.management();
        String queue = broker.unique("queue");
        api.put(path("queues", "/", queue), "{}");
        try {
            Management.Response published = api.post(path("exchanges", "/", "amq.default", "publish"),
                    "{\"properties\":{\"content_type\":\"text/plain\",\"headers\":{\"tries\":1}},\"routing_key\":\""
                            + queue + "\",\"payload\":\"hello\",\"payload_encoding\":\"string\"}");
            assertThat(published.status()).isEqualTo(200);
            assertThat(published.object()).isEqualTo(Map.of("routed", true));

            String get = "{\"count\":5,\"ackmode\":\"ack_requeue_true\",\"encoding\":\"auto\",\"truncate\":50000}";
            Management.Response first = api.post(path("queues", "/", queue, "get"), get);
            Management.Response second = api.post(path("queues", "/", queue, "get"), get);

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.list()).hasSize(1);
            assertThat(first.list().get(0)).containsEntry("payload", "hello").containsEntry("payload_encoding", "string")
                    .containsEntry("payload_bytes", 5).containsEntry("redelivered", false).containsEntry("exchange", "")
                    .containsEntry("routing_key", queue).containsEntry("message_count", 0)
                    .containsEntry("properties", Map.of("content_type", "text/plain", "headers", Map.of("tries", 1)));
            assertThat(second.list().get(0)).containsEntry("redelivered", true);
        } finally {
            api.delete(path("queues", "/", queue));
        }
    }

    @Scenario
    void getWithAckRequeueFalseTakesTheMessages(Broker broker) throws Exception {
        Management api = broker.management();
        String queue = broker.unique("queue");
        api.put(path("queues", "/", queue), "{}");
        try {
            publish(api, "amq.default", queue, "once");
            String get = "{\"count\":1,\"ackmode\":\"ack_requeue_false\",\"encoding\":\"auto\"}";

            assertThat(api.post(path("queues", "/", queue, "get"), get).list()).hasSize(1);
            assertThat(api.post(path("queues", "/", queue, "get"), get).list()).isEmpty();
        } finally {
            api.delete(path("queues", "/", queue));
        }
    }

    @Scenario
    void getWithoutAckModeAndEncodingIs400(Broker broker) throws Exception {
        Management api = broker.management();
        String queue = broker.unique("queue");
        api.put(path("queues", "/", queue), "{}");
        try {
            Management.Response response = api.post(path("queues", "/", queue, "get"), "{\"count\":5}");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.object()).isEqualTo(Map.of("error", "bad_request",
                    "reason", "[{key_missing,ackmode},{key_missing,encoding}]"));
        } finally {
            api.delete(path("queues", "/", queue));
        }
    }

    @Scenario
    void getFromAMissingQueueIs404(Broker broker) throws Exception {
        String queue = broker.unique("missing");

        Management.Response response = broker.management().post(path("queues", "/", queue, "get"),
                "{\"count\":1,\"ackmode\":\"ack_requeue_true\",\"encoding\":\"auto\"}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.object()).isEqualTo(Map.of("error", "not_found",
                "reason", "NOT_FOUND - no queue '" + queue + "' in vhost '/'"));
    }

    @Scenario
    void publishThatNoQueueTakesIsNotRouted(Broker broker) throws Exception {
        Management.Response response = publish(broker.management(), "amq.default", broker.unique("nowhere"), "lost");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.object()).isEqualTo(Map.of("routed", false));
    }

    @Scenario
    void publishToAMissingExchangeIs400WithTheChannelError(Broker broker) throws Exception {
        String exchange = broker.unique("missing");

        Management.Response response = publish(broker.management(), exchange, "key", "lost");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.object()).isEqualTo(Map.of("error", "bad_request",
                "reason", "404 NOT_FOUND - no exchange '" + exchange + "' in vhost '/'"));
    }

    @Scenario
    void exchangeIsDeclaredShownAndDeleted(Broker broker) throws Exception {
        Management api = broker.management();
        String exchange = broker.unique("exchange");

        assertThat(api.put(path("exchanges", "/", exchange), "{\"type\":\"topic\",\"durable\":true}").status())
                .isEqualTo(201);
        assertThat(api.put(path("exchanges", "/", exchange), "{\"type\":\"topic\",\"durable\":true}").status())
                .isEqualTo(204);
        assertThat(api.get(path("exchanges", "/", exchange)).object()).containsEntry("name", exchange)
                .containsEntry("vhost", "/").containsEntry("type", "topic").containsEntry("durable", true)
                .containsEntry("auto_delete", false).containsEntry("internal", false).containsEntry("arguments", Map.of());
        assertThat(api.get(path("exchanges", "/")).list()).extracting(e -> e.get("name"))
                .contains("", "amq.direct", "amq.fanout", "amq.topic", "amq.headers", exchange);

        assertThat(api.delete(path("exchanges", "/", exchange)).status()).isEqualTo(204);
        assertThat(api.delete(path("exchanges", "/", exchange)).status()).isEqualTo(404);
    }

    @Scenario
    void redeclaringAnExchangeWithAnotherTypeIs400(Broker broker) throws Exception {
        Management api = broker.management();
        String exchange = broker.unique("exchange");
        api.put(path("exchanges", "/", exchange), "{\"type\":\"direct\"}");
        try {
            Management.Response response = api.put(path("exchanges", "/", exchange), "{\"type\":\"fanout\"}");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.object()).containsEntry("error", "bad_request");
        } finally {
            api.delete(path("exchanges", "/", exchange));
        }
    }

    @Scenario
    void deletingABuiltInExchangeIsRefusedWith401(Broker broker) throws Exception {
        Management.Response response = broker.management().delete(path("exchanges", "/", "amq.direct"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.object()).isEqualTo(Map.of("error", "not_authorised", "reason", "Access refused."));
    }

    @Scenario
    void bindingIsCreatedListedAndDeletedByItsPropertiesKey(Broker broker) throws Exception {
        Management api = broker.management();
        String queue = broker.unique("queue");
        String exchange = broker.unique("exchange");
        api.put(path("queues", "/", queue), "{}");
        api.put(path("exchanges", "/", exchange), "{\"type\":\"direct\"}");
        try {
            Management.Response created = api.post(path("bindings", "/", "e", exchange, "q", queue),
                    "{\"routing_key\":\"k\",\"arguments\":{}}");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.header("Location")).isEqualTo(queue + "/k");

            assertThat(api.get(path("bindings", "/", "e", exchange, "q", queue)).list()).containsExactly(Map.of(
                    "source", exchange, "vhost", "/", "destination", queue, "destination_type", "queue",
                    "routing_key", "k", "arguments", Map.of(), "properties_key", "k"));
            assertThat(api.get(path("bindings", "/")).list()).contains(Map.of(
                    "source", "", "vhost", "/", "destination", queue, "destination_type", "queue",
                    "routing_key", queue, "arguments", Map.of(), "properties_key", queue));
            assertThat(publish(api, exchange, "k", "routed").object()).isEqualTo(Map.of("routed", true));

            assertThat(api.delete(path("bindings", "/", "e", exchange, "q", queue, "k")).status()).isEqualTo(204);
            assertThat(api.delete(path("bindings", "/", "e", exchange, "q", queue, "k")).status()).isEqualTo(404);
        } finally {
            api.delete(path("queues", "/", queue));
            api.delete(path("exchanges", "/", exchange));
        }
    }

    @Scenario
    void deletedQueueIsGone(Broker broker) throws Exception {
        Management api = broker.management();
        String queue = broker.unique("queue");
        api.put(path("queues", "/", queue), "{}");

        assertThat(api.delete(path("queues", "/", queue)).status()).isEqualTo(204);
        assertThat(api.get(path("queues", "/", queue)).status()).isEqualTo(404);
        assertThat(api.delete(path("queues", "/", queue)).status()).isEqualTo(404);
    }

    @Scenario
    void connectionIsListedAndDeletingItClosesIt(Broker broker) throws Exception {
        Management api = broker.management();
        String name = broker.unique("connection");
        Connection connection = broker.connect(f -> { }, name);
        try {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> listed = (List<Map<String, Object>>) api.await("/api/connections",
                    all -> ((List<?>) all).stream().anyMatch(c -> clientName(c).equals(name)), "connection " + name);
            Map<String, Object> mine = listed.stream().filter(c -> clientName(c).equals(name)).findFirst().orElseThrow();
            assertThat(mine).containsEntry("user", "guest").containsEntry("vhost", "/");
            assertThat((String) mine.get("name")).contains(" -> ");

            assertThat(api.delete(path("connections", (String) mine.get("name"))).status()).isEqualTo(204);

            long deadline = System.nanoTime() + Amqp.WAIT.toNanos();
            while (connection.isOpen() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(connection.isOpen()).as("the connection, closed through the API").isFalse();
            api.await("/api/connections", all -> ((List<?>) all).stream().noneMatch(c -> clientName(c).equals(name)),
                    "no connection " + name);
        } finally {
            if (connection.isOpen()) {
                connection.abort();
            }
        }
    }

    @Scenario
    void deletingAMissingConnectionIs404(Broker broker) throws Exception {
        Management.Response response = broker.management().delete(path("connections", "127.0.0.1:1 -> 127.0.0.1:2"));

        assertThat(response.status()).isEqualTo(404);
    }

    @Scenario
    void unknownPathIs404(Broker broker) throws Exception {
        Management.Response response = broker.management().get("/api/nothing-here");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.object()).isEqualTo(Map.of("error", "Object Not Found", "reason", "Not Found"));
    }

    @Scenario
    void methodAPathDoesNotTakeIs405(Broker broker) throws Exception {
        Management.Response response = broker.management().delete("/api/overview");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).contains("GET");
    }

    private static Management.Response publish(Management api, String exchange, String routingKey, String payload)
            throws Exception {
        return api.post(path("exchanges", "/", exchange, "publish"), "{\"properties\":{},\"routing_key\":\""
                + routingKey + "\",\"payload\":\"" + payload + "\",\"payload_encoding\":\"string\"}");
    }

    private static long count(Object queue, String field) {
        return ((Map<?, ?>) queue).get(field) instanceof Number n ? n.longValue() : -1;
    }

    private static String clientName(Object connection) {
        Object properties = ((Map<?, ?>) connection).get("client_properties");
        return properties instanceof Map<?, ?> p ? String.valueOf(p.get("connection_name")) : "";
    }
}
