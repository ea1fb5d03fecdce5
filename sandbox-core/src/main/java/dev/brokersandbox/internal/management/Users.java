package dev.brokersandbox.internal.management;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.brokersandbox.internal.engine.AmqpEngine;
import dev.brokersandbox.internal.management.ManagementApi.Answer;

/**
 * Users, their permissions and policies, as RabbitMQ's API has them: what an external-mode client
 * (the sandbox on a launcher's broker) and rabbitmqadmin ask for besides queues and exchanges.
 */
final class Users {

    private Users() {
    }

    static Map<String, Object> user(AmqpEngine engine, String name) {
        List<String> tags;
        try {
            tags = engine.userTags(name);
        } catch (IllegalArgumentException noSuchUser) {
            throw ApiError.notFound();
        }
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", name);
        user.put("tags", tags);
        user.put("limits", Map.of());
        return user;
    }

    /**
     * 201 for a new user (body {@code password}, {@code tags} as "a,b" or a list), 204 for new tags on
     * one that exists; the sandbox cannot change a password (400).
     */
    static Answer put(AmqpEngine engine, String name, Map<String, Object> body) {
        boolean exists = exists(engine, name);
        Object password = body.get("password");
        if (!exists && !(password instanceof String)) {
            throw ApiError.badRequest("[{key_missing,password}]: the sandbox takes a password, not a password_hash");
        }
        if (password instanceof String p) {
            try {
                engine.addUser(name, p);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(e.getMessage() + ": the sandbox cannot change a password; delete the user and "
                        + "add it again");
            }
        }
        if (body.containsKey("tags")) {
            engine.setUserTags(name, tags(body.get("tags")));
        } else if (!exists) {
            engine.setUserTags(name, List.of());
        }
        return exists ? Answer.noContent() : Answer.created();
    }

    static Answer delete(AmqpEngine engine, String ownUser, String name) {
        if (name.equals(ownUser)) {
            throw ApiError.badRequest("the sandbox keeps its own user '" + ownUser + "'");
        }
        return engine.deleteUser(name) ? Answer.noContent() : notFound();
    }

    /** The user and virtual host, without the patterns, which the sandbox does not give back; 404 for none. */
    static Map<String, Object> permissions(AmqpEngine engine, String vhost, String user) {
        if (!engine.virtualHosts().contains(vhost) || !exists(engine, user) || !engine.hasPermissions(vhost, user)) {
            throw ApiError.notFound();
        }
        return Map.of("user", user, "vhost", vhost);
    }

    static Answer deletePermissions(AmqpEngine engine, String vhost, String user) {
        return engine.clearPermissions(vhost, user) ? Answer.noContent() : notFound();
    }

    static List<Map<String, Object>> policies(AmqpEngine engine, String vhost) {
        List<Map<String, Object>> policies = new ArrayList<>();
        for (Map<String, Object> p : engine.policies(vhost)) {
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("vhost", vhost);
            policy.putAll(p);
            policies.add(policy);
        }
        return policies;
    }

    static Map<String, Object> policy(AmqpEngine engine, String vhost, String name) {
        return policies(engine, vhost).stream().filter(p -> name.equals(p.get("name"))).findFirst()
                .orElseThrow(ApiError::notFound);
    }

    @SuppressWarnings("unchecked")
    static Answer putPolicy(AmqpEngine engine, String vhost, String name, Map<String, Object> body) {
        if (!(body.get("pattern") instanceof String pattern) || !(body.get("definition") instanceof Map<?, ?> definition)) {
            throw ApiError.badRequest("[{key_missing,pattern},{key_missing,definition}]");
        }
        boolean existed = policies(engine, vhost).stream().anyMatch(p -> name.equals(p.get("name")));
        int priority = body.get("priority") instanceof Number n ? n.intValue() : 0;
        String applyTo = String.valueOf(body.getOrDefault("apply-to", "all"));
        try {
            engine.setPolicy(vhost, name, pattern, (Map<String, Object>) definition, priority, applyTo);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        return existed ? Answer.noContent() : Answer.created();
    }

    static Answer deletePolicy(AmqpEngine engine, String vhost, String name) {
        return engine.clearPolicy(vhost, name) ? Answer.noContent() : notFound();
    }

    private static boolean exists(AmqpEngine engine, String name) {
        try {
            engine.userTags(name);
            return true;
        } catch (IllegalArgumentException noSuchUser) {
            return false;
        }
    }

    private static List<String> tags(Object tags) {
        if (tags instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        String text = String.valueOf(tags).strip();
        return text.isEmpty() ? List.of() : List.of(text.split("\\s*,\\s*"));
    }

    private static Answer notFound() {
        throw ApiError.notFound();
    }
}
