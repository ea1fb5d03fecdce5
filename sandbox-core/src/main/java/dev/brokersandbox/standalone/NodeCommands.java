package dev.brokersandbox.standalone;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.brokersandbox.AmqpBroker;
import dev.brokersandbox.AmqpClientConnection;
import dev.brokersandbox.AmqpPolicy;
import dev.brokersandbox.Sandbox;
import dev.brokersandbox.internal.Json;

/**
 * The {@code rabbitmqctl} commands the launcher answers ({@code java -jar broker-sandbox.jar --ctl
 * COMMAND ...}), with rabbitmqctl's arguments, output and exit codes, so that scripts and test
 * suites written for a RabbitMQ node work on the sandbox. {@code -n NODE} is accepted and ignored:
 * there is one node.
 */
final class NodeCommands {

    static final int OK = 0;
    /** rabbitmqctl's exit codes: EX_USAGE, EX_UNAVAILABLE (e.g. no AMQP broker), EX_SOFTWARE. */
    static final int USAGE = 64;
    static final int UNAVAILABLE = 69;
    static final int FAILED = 70;

    static final String SUPPORTED = "stop_app, start_app, list_connections [column ...], "
            + "close_connection <id|name|peer port> <reason>, close_all_connections <reason>, "
            + "delete_queue <name> [-p vhost], set_policy [-p vhost] [--priority N] [--apply-to all|queues|exchanges] "
            + "<name> <pattern> <definition>, clear_policy [-p vhost] <name>, list_policies [-p vhost], "
            + "set_user_tags <user> [tag ...], list_users, add_user <user> <password>, delete_user <user>, "
            + "set_permissions [-p vhost] <user> <conf> <write> <read>, clear_permissions [-p vhost] <user>, "
            + "set_vm_memory_high_watermark <fraction>, "
            + "eval 'rabbit_alarm:set_alarm({{resource_limit, memory|disk, node()}, []}).' (and clear_alarm)";

    /** The one kind of Erlang expression eval takes: RabbitMQ's own test suites raise and clear alarms with it. */
    private static final Pattern ALARM = Pattern.compile(
            "\\s*rabbit_alarm:(set|clear)_alarm\\(\\{\\{?\\s*resource_limit\\s*,\\s*(memory|disk)\\s*,\\s*node\\(\\)\\s*\\}.*");

    /** What a command printed and its exit code. */
    record Result(int exitCode, String output) {
    }

    private static final Map<String, Function<AmqpClientConnection, Object>> COLUMNS = Map.of(
            "pid", AmqpClientConnection::id,
            "name", AmqpClientConnection::name,
            "peer_port", AmqpClientConnection::peerPort,
            "peer_host", c -> c.name().substring(0, c.name().lastIndexOf(':', c.name().indexOf(" -> "))),
            "user", AmqpClientConnection::user,
            "vhost", AmqpClientConnection::virtualHost,
            "state", c -> "running",
            "client_properties", c -> c.clientProvidedName() == null ? "[]"
                    : "[{\"connection_name\",\"" + c.clientProvidedName() + "\"}]");

    private NodeCommands() {
    }

    static Result run(Sandbox sandbox, List<String> args) {
        List<String> words = new ArrayList<>();
        boolean quiet = false;
        String vhost = AmqpBroker.DEFAULT_VIRTUAL_HOST;
        String priority = "0";
        String applyTo = AmqpPolicy.AppliesTo.ALL.rabbitName();
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (option) {
                case "-n", "--node" -> i++; // one node: whichever is named
                case "-p", "--vhost" -> vhost = value == null ? vhost : args.get(++i);
                case "--priority" -> priority = value == null ? priority : args.get(++i);
                case "--apply-to" -> applyTo = value == null ? applyTo : args.get(++i);
                case "-q", "--quiet", "-s", "--silent" -> quiet = true;
                default -> words.add(option);
            }
        }
        if (words.isEmpty()) {
            return new Result(USAGE, "no command given; supported: " + SUPPORTED + "\n");
        }
        if (!sandbox.hasAmqp()) {
            return new Result(UNAVAILABLE, "this sandbox runs no AMQP broker (started with --no-amqp)\n");
        }
        AmqpBroker amqp = sandbox.amqp();
        String host = vhost;
        String command = words.get(0);
        List<String> operands = words.subList(1, words.size());
        try {
            return switch (command) {
                case "stop_app" -> {
                    amqp.stop();
                    yield ok(quiet, "Stopping rabbit application on node sandbox ...");
                }
                case "start_app" -> {
                    amqp.start();
                    yield ok(quiet, "Starting node sandbox ...");
                }
                case "list_connections" -> listConnections(amqp, operands, quiet);
                case "close_connection" -> operands.size() != 2 ? usage(command, "<id|name|peer port> <reason>")
                        : amqp.closeConnection(operands.get(0), operands.get(1))
                        ? ok(quiet, "Closing connection " + operands.get(0) + ", reason: " + operands.get(1) + "...")
                        : new Result(FAILED, "no connection " + operands.get(0) + " (list them with list_connections)\n");
                case "close_all_connections" -> operands.size() != 1 ? usage(command, "<reason>")
                        : ok(quiet, "Closed " + amqp.closeAllConnections(operands.get(0)) + " connections");
                case "delete_queue" -> operands.size() != 1 ? usage(command, "<name> [-p vhost]")
                        : deleteQueue(amqp, vhost, operands.get(0), quiet);
                case "set_policy" -> operands.size() != 3 ? usage(command, "[-p vhost] [--priority N] "
                        + "[--apply-to all|queues|exchanges] <name> <pattern> <definition>")
                        : setPolicy(amqp, vhost, operands, priority, applyTo, quiet);
                case "clear_policy" -> operands.size() != 1 ? usage(command, "[-p vhost] <name>")
                        : amqp.clearPolicy(vhost, operands.get(0))
                        ? ok(quiet, "Clearing policy \"" + operands.get(0) + "\" on vhost \"" + vhost + "\" ...")
                        : new Result(FAILED, "Error:\nParameter does not exist\n");
                case "list_policies" -> listPolicies(amqp, vhost, quiet);
                case "set_user_tags" -> operands.isEmpty() ? usage(command, "<user> [tag ...]")
                        : setUserTags(amqp, operands.get(0), operands.subList(1, operands.size()), quiet);
                case "set_vm_memory_high_watermark" -> operands.size() != 1 ? usage(command, "<fraction>")
                        : memoryWatermark(amqp, operands.get(0), quiet);
                case "eval" -> operands.size() != 1 ? usage(command, "<expression>") : eval(amqp, operands.get(0), quiet);
                case "add_user" -> operands.size() != 2 ? usage(command, "<user> <password>")
                        : userCommand(() -> amqp.addUser(operands.get(0), operands.get(1)),
                                quiet, "Adding user \"" + operands.get(0) + "\" ...");
                case "delete_user" -> operands.size() != 1 ? usage(command, "<user>")
                        : amqp.deleteUser(operands.get(0)) ? ok(quiet, "Deleting user \"" + operands.get(0) + "\" ...")
                        : new Result(FAILED, "Error:\nUser \"" + operands.get(0) + "\" does not exist\n");
                case "set_permissions" -> operands.size() != 4 ? usage(command, "[-p vhost] <user> <conf> <write> <read>")
                        : userCommand(() -> amqp.setPermissions(host, operands.get(0), operands.get(1), operands.get(2),
                                operands.get(3)), quiet, "Setting permissions for user \"" + operands.get(0)
                                + "\" in vhost \"" + vhost + "\" ...");
                case "clear_permissions" -> operands.size() != 1 ? usage(command, "[-p vhost] <user>")
                        : userCommand(() -> amqp.clearPermissions(host, operands.get(0)), quiet,
                                "Clearing permissions for user \"" + operands.get(0) + "\" in vhost \"" + vhost + "\" ...");
                case "list_users" -> new Result(OK, (quiet ? "" : "Listing users ...\nuser\ttags\n")
                        + amqp.username() + "\t[" + String.join(", ", amqp.userTags(amqp.username())) + "]\n");
                default -> new Result(USAGE, "the sandbox has no equivalent of rabbitmqctl " + command
                        + "; supported: " + SUPPORTED + "\n");
            };
        } catch (RuntimeException e) {
            return new Result(FAILED, command + " failed: " + e.getMessage() + "\n");
        }
    }

    private static Result listConnections(AmqpBroker amqp, List<String> columns, boolean quiet) {
        List<String> shown = columns.isEmpty() ? List.of("user", "peer_host", "peer_port", "state") : columns;
        for (String column : shown) {
            if (!COLUMNS.containsKey(column)) {
                return new Result(USAGE, "list_connections: unknown column " + column + "; the sandbox has "
                        + String.join(", ", COLUMNS.keySet().stream().sorted().toList()) + "\n");
            }
        }
        StringBuilder out = new StringBuilder();
        if (!quiet) {
            out.append("Listing connections ...\n").append(String.join("\t", shown)).append('\n');
        }
        for (AmqpClientConnection connection : amqp.connections()) {
            List<String> row = shown.stream().map(column -> String.valueOf(COLUMNS.get(column).apply(connection))).toList();
            out.append(String.join("\t", row)).append('\n');
        }
        return new Result(OK, out.toString());
    }

    private static Result setPolicy(AmqpBroker amqp, String vhost, List<String> operands, String priority,
                                    String applyTo, boolean quiet) {
        String name = operands.get(0);
        String pattern = operands.get(1);
        String definition = operands.get(2);
        int rank;
        AmqpPolicy.AppliesTo target;
        try {
            rank = Integer.parseInt(priority);
            target = AmqpPolicy.AppliesTo.valueOf(applyTo.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return new Result(USAGE, "set_policy: --priority takes an integer and --apply-to all, queues or exchanges; "
                    + "got " + priority + " and " + applyTo + "\n");
        }
        Map<String, Object> parsed;
        try {
            parsed = Json.readObject(definition);
        } catch (IllegalArgumentException e) {
            return new Result(FAILED, "Error:\nThe definition " + definition + " is not a JSON object: "
                    + e.getMessage() + "\n");
        }
        try {
            amqp.setPolicy(vhost, new AmqpPolicy(name, pattern, parsed, rank, target));
        } catch (IllegalArgumentException e) {
            return new Result(FAILED, "Error:\nValidation failed\n\n" + e.getMessage() + "\n");
        }
        return ok(quiet, "Setting policy \"" + name + "\" for pattern \"" + pattern + "\" to \"" + definition
                + "\" with priority \"" + rank + "\" for vhost \"" + vhost + "\" ...");
    }

    /**
     * RabbitMQ raises its memory alarm while it uses more than {@code fraction} of the machine's
     * memory; here the fraction is compared once, now, with the heap this JVM uses of its maximum.
     */
    private static Result memoryWatermark(AmqpBroker amqp, String fraction, boolean quiet) {
        double limit;
        try {
            limit = Double.parseDouble(fraction);
        } catch (NumberFormatException e) {
            return usage("set_vm_memory_high_watermark", "<fraction>, such as 0.4 (the absolute form is not supported)");
        }
        Runtime jvm = Runtime.getRuntime();
        boolean over = (double) (jvm.totalMemory() - jvm.freeMemory()) / jvm.maxMemory() > limit;
        if (over) {
            amqp.raiseAlarm(AmqpBroker.Alarm.MEMORY);
        } else {
            amqp.clearAlarm(AmqpBroker.Alarm.MEMORY);
        }
        return ok(quiet, "Setting memory threshold on sandbox to " + fraction + " ...");
    }

    private static Result eval(AmqpBroker amqp, String expression, boolean quiet) {
        Matcher alarm = ALARM.matcher(expression);
        if (!alarm.matches()) {
            return new Result(USAGE, "the sandbox cannot evaluate Erlang; eval takes only rabbit_alarm:set_alarm and "
                    + "clear_alarm of resource_limit memory or disk, as RabbitMQ's test suites write them\n");
        }
        AmqpBroker.Alarm which = AmqpBroker.Alarm.valueOf(alarm.group(2).toUpperCase(Locale.ROOT));
        if (alarm.group(1).equals("set")) {
            amqp.raiseAlarm(which);
        } else {
            amqp.clearAlarm(which);
        }
        return ok(quiet, "ok");
    }

    private static Result userCommand(Runnable command, boolean quiet, String done) {
        try {
            command.run();
        } catch (IllegalArgumentException e) {
            return new Result(FAILED, "Error:\n" + e.getMessage() + "\n");
        }
        return ok(quiet, done);
    }

    private static Result setUserTags(AmqpBroker amqp, String user, List<String> tags, boolean quiet) {
        try {
            amqp.setUserTags(user, tags.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            return new Result(FAILED, "Error:\n" + e.getMessage() + "\n");
        }
        return ok(quiet, "Setting tags for user \"" + user + "\" to [" + String.join(", ", tags) + "] ...");
    }

    private static Result listPolicies(AmqpBroker amqp, String vhost, boolean quiet) {
        StringBuilder out = new StringBuilder();
        if (!quiet) {
            out.append("Listing policies for vhost \"").append(vhost).append("\" ...\n")
                    .append("vhost\tname\tpattern\tapply-to\tdefinition\tpriority\n");
        }
        for (AmqpPolicy policy : amqp.policies(vhost)) {
            out.append(String.join("\t", vhost, policy.name(), policy.pattern(), policy.appliesTo().rabbitName(),
                    Json.write(policy.definition()), String.valueOf(policy.priority()))).append('\n');
        }
        return new Result(OK, out.toString());
    }

    private static Result deleteQueue(AmqpBroker amqp, String vhost, String queue, boolean quiet) {
        ConnectionFactory factory = amqp.connectionFactory(vhost);
        factory.setAutomaticRecoveryEnabled(false);
        try (Connection connection = factory.newConnection("broker-sandbox-ctl");
             Channel channel = connection.createChannel()) {
            channel.queueDelete(queue);
            return ok(quiet, "Deleting queue '" + queue + "' on vhost '" + vhost + "' ...");
        } catch (IOException | TimeoutException e) {
            return new Result(FAILED, "delete_queue " + queue + " failed: " + e + "\n");
        }
    }

    private static Result ok(boolean quiet, String message) {
        return new Result(OK, quiet ? "" : message + "\n");
    }

    private static Result usage(String command, String operands) {
        return new Result(USAGE, "usage: " + command + " " + operands + "\n");
    }
}
