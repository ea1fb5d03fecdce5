package dev.brokersandbox.internal.management;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.brokersandbox.internal.engine.AmqpEngine;
import dev.brokersandbox.internal.management.ManagementApi.Answer;
import dev.brokersandbox.internal.management.ManagementApi.Request;

/** The paths of the API, their methods, and what each does; one instance per request. */
final class Routes {

    /** The default exchange, as RabbitMQ's paths name it ({@code ""} in listings). */
    static final String DEFAULT_EXCHANGE = "amq.default";

    /** Each path's shape ({@link #shape}) and the methods it takes, as RabbitMQ's Allow header lists them. */
    private static final Map<String, List<String>> METHODS = Map.ofEntries(
            Map.entry("overview", List.of("GET")),
            Map.entry("vhosts", List.of("GET")),
            Map.entry("vhosts/*", List.of("GET", "PUT", "DELETE")),
            Map.entry("permissions/*/*", List.of("GET", "PUT", "DELETE")),
            Map.entry("users/*", List.of("GET", "PUT", "DELETE")),
            Map.entry("policies/*", List.of("GET")),
            Map.entry("policies/*/*", List.of("GET", "PUT", "DELETE")),
            Map.entry("queues", List.of("GET")),
            Map.entry("queues/*", List.of("GET")),
            Map.entry("queues/*/*", List.of("GET", "PUT", "DELETE")),
            Map.entry("queues/*/*/contents", List.of("DELETE")),
            Map.entry("queues/*/*/get", List.of("POST")),
            Map.entry("queues/*/*/bindings", List.of("GET")),
            Map.entry("exchanges", List.of("GET")),
            Map.entry("exchanges/*", List.of("GET")),
            Map.entry("exchanges/*/*", List.of("GET", "PUT", "DELETE")),
            Map.entry("exchanges/*/*/publish", List.of("POST")),
            Map.entry("bindings", List.of("GET")),
            Map.entry("bindings/*", List.of("GET")),
            Map.entry("bindings/*/e/*/q/*", List.of("GET", "POST")),
            Map.entry("bindings/*/e/*/q/*/*", List.of("GET", "DELETE")),
            Map.entry("connections", List.of("GET")),
            Map.entry("connections/*", List.of("GET", "DELETE")));

    private final AmqpEngine engine;
    private final Shapes shapes;
    private final AmqpOperations amqp;
    private final Predicate<String> administrator;
    /** The broker's own user: it has every permission everywhere, and none can be set for it. */
    private final String ownUser;
    private final Supplier<String> version;

    Routes(AmqpEngine engine, Shapes shapes, AmqpOperations amqp, Predicate<String> administrator, String ownUser,
           Supplier<String> version) {
        this.engine = engine;
        this.version = version;
        this.ownUser = ownUser;
        this.shapes = shapes;
        this.amqp = amqp;
        this.administrator = administrator;
    }

    /** The methods {@code path} takes; empty if it names nothing. */
    List<String> allowed(List<String> path) {
        return METHODS.getOrDefault(shape(path), List.of());
    }

    /** The answer to {@code request}, or null if its path does not take its method. */
    Answer route(Request r) {
        List<String> p = r.path();
        String shape = shape(p);
        if (!allowed(p).contains(r.method())) {
            return null;
        }
        boolean namesVhost = p.size() > 1 && List.of("queues", "exchanges", "bindings").contains(p.get(0))
                || p.size() == 2 && p.get(0).equals("vhosts") && r.method().equals("GET");
        if (namesVhost && engine.virtualHosts().contains(p.get(1)) && !engine.hasPermissions(p.get(1), r.user())) {
            throw ApiError.notAuthorised("User not authorised to access virtual host");
        }
        List<String> vhosts = engine.virtualHosts().stream().filter(v -> engine.hasPermissions(v, r.user())).toList();
        return switch (shape + " " + r.method()) {
            case "overview GET" -> Answer.ok(shapes.overview(version.get()));
            case "vhosts GET" -> Answer.ok(vhosts.stream().map(shapes::vhost).toList());
            case "vhosts/* GET" -> Answer.ok(shapes.vhost(existingVhost(p.get(1))));
            case "vhosts/* PUT" -> putVhost(r.user(), p.get(1));
            case "vhosts/* DELETE" -> deleteVhost(r.user(), p.get(1));
            case "permissions/*/* PUT" -> putPermissions(r, p.get(1), p.get(2));
            case "permissions/*/* GET" -> Answer.ok(Users.permissions(engine, p.get(1), p.get(2)));
            case "permissions/*/* DELETE" -> admin(r, () -> Users.deletePermissions(engine, p.get(1), p.get(2)));
            case "users/* GET" -> admin(r, () -> Answer.ok(Users.user(engine, p.get(1))));
            case "users/* PUT" -> admin(r, () -> Users.put(engine, p.get(1), r.json()));
            case "users/* DELETE" -> admin(r, () -> Users.delete(engine, ownUser, p.get(1)));
            case "policies/* GET" -> Answer.ok(Users.policies(engine, existingVhost(p.get(1))));
            case "policies/*/* GET" -> Answer.ok(Users.policy(engine, existingVhost(p.get(1)), p.get(2)));
            case "policies/*/* PUT" -> Users.putPolicy(engine, existingVhost(p.get(1)), p.get(2), r.json());
            case "policies/*/* DELETE" -> Users.deletePolicy(engine, existingVhost(p.get(1)), p.get(2));
            case "queues GET" -> Answer.ok(shapes.queues(vhosts));
            case "queues/* GET" -> Answer.ok(shapes.queues(List.of(existingVhost(p.get(1)))));
            case "queues/*/* GET" -> Answer.ok(shapes.queue(p.get(1), p.get(2)));
            case "queues/*/* PUT" -> putQueue(r, p.get(1), p.get(2));
            case "queues/*/* DELETE" -> deleteQueue(r, p.get(1), p.get(2));
            case "queues/*/*/contents DELETE" -> purge(p.get(1), p.get(2));
            case "queues/*/*/get POST" -> Answer.ok(amqp.get(p.get(1), p.get(2), r.json()));
            case "queues/*/*/bindings GET" -> Answer.ok(shapes.queueBindings(p.get(1), p.get(2)));
            case "exchanges GET" -> Answer.ok(shapes.exchanges(vhosts));
            case "exchanges/* GET" -> Answer.ok(shapes.exchanges(List.of(existingVhost(p.get(1)))));
            case "exchanges/*/* GET" -> Answer.ok(shapes.exchange(p.get(1), exchangeName(p.get(2))));
            case "exchanges/*/* PUT" -> putExchange(r, p.get(1), p.get(2));
            case "exchanges/*/* DELETE" -> deleteExchange(r, p.get(1), p.get(2));
            case "exchanges/*/*/publish POST" -> Answer.ok(amqp.publish(existingVhost(p.get(1)), exchangeName(p.get(2)),
                    r.json()));
            case "bindings GET" -> Answer.ok(shapes.bindings(vhosts));
            case "bindings/* GET" -> Answer.ok(shapes.bindings(List.of(existingVhost(p.get(1)))));
            case "bindings/*/e/*/q/* GET" -> Answer.ok(shapes.bindingsBetween(p.get(1), exchangeName(p.get(3)), p.get(5)));
            case "bindings/*/e/*/q/* POST" -> bind(r, p.get(1), exchangeName(p.get(3)), p.get(5));
            case "bindings/*/e/*/q/*/* GET" -> Answer.ok(shapes.binding(p.get(1), exchangeName(p.get(3)), p.get(5), p.get(6)));
            case "bindings/*/e/*/q/*/* DELETE" -> unbind(p.get(1), exchangeName(p.get(3)), p.get(5), p.get(6));
            case "connections GET" -> Answer.ok(shapes.connections());
            case "connections/* GET" -> Answer.ok(shapes.connection(p.get(1)));
            case "connections/* DELETE" -> closeConnection(p.get(1), r.reason());
            default -> throw new IllegalStateException("No route for " + shape + " " + r.method());
        };
    }

    /** {@code overview}, {@code queues/*}, {@code bindings/* /e/* /q/*}: the path with each name a star. */
    private static String shape(List<String> path) {
        if (path.isEmpty()) {
            return "";
        }
        StringBuilder shape = new StringBuilder(path.get(0));
        for (int i = 1; i < path.size(); i++) {
            String segment = path.get(i);
            boolean literal = switch (path.get(0)) {
                case "queues" -> i == 3 && (segment.equals("contents") || segment.equals("get") || segment.equals("bindings"));
                case "exchanges" -> i == 3 && segment.equals("publish");
                case "bindings" -> (i == 2 && segment.equals("e")) || (i == 4 && segment.equals("q"));
                default -> false;
            };
            shape.append('/').append(literal ? segment : "*");
        }
        return shape.toString();
    }

    private String existingVhost(String vhost) {
        if (!engine.virtualHosts().contains(vhost)) {
            throw ApiError.notFound();
        }
        return vhost;
    }

    private static String exchangeName(String name) {
        return DEFAULT_EXCHANGE.equals(name) ? "" : name;
    }

    private Answer admin(Request r, Supplier<Answer> answer) {
        requireAdministrator(r.user());
        return answer.get();
    }

    private void requireAdministrator(String user) {
        if (!administrator.test(user)) {
            throw ApiError.notAuthorised("Not administrator user");
        }
    }

    private Answer putVhost(String user, String vhost) {
        requireAdministrator(user);
        if (engine.virtualHosts().contains(vhost)) {
            return Answer.noContent();
        }
        engine.createVirtualHost(vhost);
        if (!engine.hasPermissions(vhost, user)) {
            // RabbitMQ gives whoever creates a virtual host every permission in it.
            engine.setPermissions(vhost, user, ".*", ".*", ".*");
        }
        return Answer.created();
    }

    private Answer deleteVhost(String user, String vhost) {
        requireAdministrator(user);
        existingVhost(vhost);
        if ("/".equals(vhost)) {
            // Qpid's default virtual host cannot be deleted and made again the way RabbitMQ's can.
            throw ApiError.badRequest("the sandbox keeps its default virtual host '/'; delete the queues in it instead");
        }
        engine.deleteVirtualHost(vhost);
        return Answer.noContent();
    }

    private Answer putPermissions(Request r, String vhost, String user) {
        requireAdministrator(r.user());
        if (!engine.virtualHosts().contains(vhost) || !knownUser(user)) {
            throw ApiError.badRequest("vhost_or_user_not_found");
        }
        if (user.equals(ownUser)) {
            return Answer.noContent(); // it may do everything everywhere already, as RabbitMQ's creator of a vhost
        }
        boolean existed = engine.hasPermissions(vhost, user);
        Map<String, Object> body = r.json();
        for (String key : List.of("configure", "write", "read")) {
            if (!(body.get(key) instanceof String)) {
                throw ApiError.badRequest("[{key_missing," + key + "}]");
            }
        }
        try {
            engine.setPermissions(vhost, user, (String) body.get("configure"), (String) body.get("write"),
                    (String) body.get("read"));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        return existed ? Answer.noContent() : Answer.created();
    }

    private boolean knownUser(String user) {
        try {
            engine.userTags(user);
            return true;
        } catch (IllegalArgumentException noSuchUser) {
            return false;
        }
    }

    private Answer putQueue(Request r, String vhost, String name) {
        if (!engine.virtualHosts().contains(vhost)) {
            throw new ApiError(404, "not_found", "vhost_not_found");
        }
        boolean existed = shapes.findQueue(vhost, name) != null;
        amqp.declareQueue(vhost, name, r.json());
        return existed ? Answer.noContent() : Answer.created();
    }

    private Answer deleteQueue(Request r, String vhost, String name) {
        shapes.queue(vhost, name); // 404 when there is none
        amqp.deleteQueue(vhost, name, "true".equals(r.query().get("if-unused")), "true".equals(r.query().get("if-empty")));
        return Answer.noContent();
    }

    private Answer purge(String vhost, String name) {
        shapes.queue(vhost, name);
        amqp.purge(vhost, name);
        return Answer.noContent();
    }

    private Answer putExchange(Request r, String vhost, String name) {
        if (!engine.virtualHosts().contains(vhost)) {
            throw new ApiError(404, "not_found", "vhost_not_found");
        }
        boolean existed = shapes.findExchange(vhost, exchangeName(name)) != null;
        amqp.declareExchange(vhost, name, r.json());
        return existed ? Answer.noContent() : Answer.created();
    }

    private Answer deleteExchange(Request r, String vhost, String name) {
        shapes.exchange(vhost, exchangeName(name)); // 404 when there is none
        amqp.deleteExchange(vhost, name, "true".equals(r.query().get("if-unused")));
        return Answer.noContent();
    }

    private Answer bind(Request r, String vhost, String exchange, String queue) {
        existingVhost(vhost);
        Map<String, Object> body = r.json();
        Object key = body.getOrDefault("routing_key", "");
        @SuppressWarnings("unchecked")
        Map<String, Object> arguments = body.get("arguments") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        amqp.bind(vhost, exchange, queue, String.valueOf(key), arguments);
        // RabbitMQ's Location: the new binding's path relative to this one.
        return new Answer(201, null, queue + "/" + Shapes.propertiesKey(String.valueOf(key), arguments));
    }

    private Answer unbind(String vhost, String exchange, String queue, String propertiesKey) {
        Map<String, Object> binding = shapes.binding(vhost, exchange, queue, propertiesKey);
        @SuppressWarnings("unchecked")
        Map<String, Object> arguments = (Map<String, Object>) binding.get("arguments");
        amqp.unbind(vhost, exchange, queue, (String) binding.get("routing_key"), arguments);
        return Answer.noContent();
    }

    private Answer closeConnection(String name, String reason) {
        shapes.connection(name); // 404 when there is none
        engine.closeConnection(name, reason == null ? "Closed via management plugin" : reason);
        return Answer.noContent();
    }
}
