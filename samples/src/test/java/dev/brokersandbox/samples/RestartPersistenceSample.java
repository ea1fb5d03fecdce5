package dev.brokersandbox.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import dev.brokersandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What survives a restart of the AMQP broker: a persistent message on a durable queue, and nothing
 * else. The broker keeps its data in a directory, so a second sandbox on that directory is the
 * same broker restarted (the launcher's --data-dir does the same).
 */
class RestartPersistenceSample {

    @Test
    void onlyPersistentMessagesOnDurableQueuesSurviveARestart(@TempDir Path data) throws Exception {
        // Proves: after a restart a durable queue still holds its persistent message but not its transient one, and a non-durable queue is gone.
        // tag::before-restart[]
        try (Sandbox broker = Sandbox.builder().amqp().dataDirectory(data).start();
             Connection connection = broker.amqp().connectionFactory().newConnection();
             Channel channel = connection.createChannel()) {
            channel.queueDeclare("tasks", true, false, false, null);      // durable
            channel.queueDeclare("scratch", false, false, false, null);   // not durable
            channel.confirmSelect();
            channel.basicPublish("", "tasks", MessageProperties.PERSISTENT_TEXT_PLAIN, "persistent".getBytes(UTF_8));
            channel.waitForConfirmsOrDie(5_000);
            channel.basicPublish("", "tasks", MessageProperties.TEXT_PLAIN, "transient".getBytes(UTF_8));
            channel.basicPublish("", "scratch", MessageProperties.PERSISTENT_TEXT_PLAIN, "lost".getBytes(UTF_8));
            channel.waitForConfirmsOrDie(5_000);
        } // the broker stops here
        // end::before-restart[]

        // tag::after-restart[]
        try (Sandbox broker = Sandbox.builder().amqp().dataDirectory(data).start();
             Connection connection = broker.amqp().connectionFactory().newConnection();
             Channel channel = connection.createChannel()) {
            GetResponse survivor = channel.basicGet("tasks", true);
            assertThat(new String(survivor.getBody(), UTF_8)).isEqualTo("persistent");
            assertThat(channel.basicGet("tasks", true)).as("the transient message").isNull();
            assertThatThrownBy(() -> connection.createChannel().queueDeclarePassive("scratch"))
                    .as("the non-durable queue").isInstanceOf(IOException.class);
        }
        // end::after-restart[]
    }
}
