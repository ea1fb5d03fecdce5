package dev.brokersandbox.compat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.AmqpBroker;
import dev.brokersandbox.AmqpPolicy;
import dev.brokersandbox.internal.Json;

/**
 * What a broker's operator does to it outside the protocol: {@code rabbitmqctl} on RabbitMQ, the
 * matching methods of {@link AmqpBroker} on the sandbox. Scenarios reach it through {@link Broker}.
 */
interface Operator {

    /** Sets {@code policy} in the virtual host {@code /}. */
    void setPolicy(AmqpPolicy policy) throws Exception;

    /** Clears the policy {@code name} of {@code /}. */
    void clearPolicy(String name) throws Exception;

    /** Raises the memory alarm (rabbitmqctl set_vm_memory_high_watermark with a fraction no node is under). */
    void raiseMemoryAlarm() throws Exception;

    /** Clears the memory alarm (rabbitmqctl set_vm_memory_high_watermark 0.4, RabbitMQ's default). */
    void clearMemoryAlarm() throws Exception;

    /** Adds a user with these permissions in {@code /} (rabbitmqctl add_user and set_permissions; none if configure is null). */
    void addUser(String user, String password, String configure, String write, String read) throws Exception;

    /** Deletes a user {@link #addUser} added. */
    void deleteUser(String user) throws Exception;

    /** Replaces the tags of a user {@link #addUser} added (rabbitmqctl set_user_tags). */
    void setUserTags(String user, String... tags) throws Exception;

    /** The sandbox's own: its AMQP broker's methods. */
    static Operator of(AmqpBroker amqp) {
        return new Operator() {
            @Override
            public void setPolicy(AmqpPolicy policy) {
                amqp.setPolicy(AmqpBroker.DEFAULT_VIRTUAL_HOST, policy);
            }

            @Override
            public void clearPolicy(String name) {
                amqp.clearPolicy(AmqpBroker.DEFAULT_VIRTUAL_HOST, name);
            }

            @Override
            public void raiseMemoryAlarm() {
                amqp.raiseAlarm(AmqpBroker.Alarm.MEMORY);
            }

            @Override
            public void addUser(String user, String password, String configure, String write, String read) {
                amqp.addUser(user, password);
                if (configure != null) {
                    amqp.setPermissions(AmqpBroker.DEFAULT_VIRTUAL_HOST, user, configure, write, read);
                }
            }

            @Override
            public void deleteUser(String user) {
                amqp.deleteUser(user);
            }

            @Override
            public void setUserTags(String user, String... tags) {
                amqp.setUserTags(user, tags);
            }

            @Override
            public void clearMemoryAlarm() {
                amqp.clearAlarm(AmqpBroker.Alarm.MEMORY);
            }
        };
    }

    /**
     * RabbitMQ's: {@code command} is how rabbitmqctl is run for the node under test (the value of
     * {@value Targets#RABBITMQCTL}, e.g. {@code .ci/rabbitmq ctl DIR}); empty when none was given.
     */
    static Operator rabbitmqctl(String command) {
        return new Operator() {
            @Override
            public void setPolicy(AmqpPolicy policy) throws Exception {
                run("set_policy", "--priority", String.valueOf(policy.priority()), "--apply-to",
                        policy.appliesTo().rabbitName(), policy.name(), policy.pattern(), Json.write(policy.definition()));
            }

            @Override
            public void clearPolicy(String name) throws Exception {
                run("clear_policy", name);
            }

            @Override
            public void raiseMemoryAlarm() throws Exception {
                run("set_vm_memory_high_watermark", "0.000000001");
            }

            @Override
            public void addUser(String user, String password, String configure, String write, String read)
                    throws Exception {
                run("add_user", user, password);
                if (configure != null) {
                    run("set_permissions", "-p", "/", user, configure, write, read);
                }
            }

            @Override
            public void deleteUser(String user) throws Exception {
                run("delete_user", user);
            }

            @Override
            public void setUserTags(String user, String... tags) throws Exception {
                List<String> args = new ArrayList<>(List.of("set_user_tags", user));
                args.addAll(List.of(tags));
                run(args.toArray(String[]::new));
            }

            @Override
            public void clearMemoryAlarm() throws Exception {
                run("set_vm_memory_high_watermark", "0.4");
            }

            private void run(String... args) throws IOException, InterruptedException {
                if (command.isBlank()) {
                    throw new IllegalStateException("This scenario needs rabbitmqctl for the RabbitMQ under test: set -D"
                            + Targets.RABBITMQCTL + " (the differential profile takes it from the environment variable "
                            + "BROKERSANDBOX_RABBITMQCTL, which .ci/run sets to '.ci/rabbitmq ctl DIR')");
                }
                List<String> line = new ArrayList<>(Arrays.asList(command.trim().split("\\s+")));
                line.addAll(List.of(args));
                Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("rabbitmqctl did not finish within 60 s: " + line);
                }
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(line + " exited with " + process.exitValue() + ": " + output);
                }
            }
        };
    }
}
