package dev.brokersandbox.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/**
 * Resource alarms: while one is raised, a connection that publishes is sent connection.blocked and
 * not read from; when it clears, connection.unblocked, and what it sent meanwhile goes through.
 * The alarm is the broker's whole state: scenarios that raise it run one at a time (this class
 * has one), and clear it whatever happens.
 */
class AlarmScenarios {

    @Scenario
    void aPublisherIsBlockedAtItsFirstPublishDuringAMemoryAlarmAndWhatItSentArrivesOnceItClears(Broker broker)
            throws Exception {
        try (Connection publisher = broker.connect(); Connection consumer = broker.connect()) {
            BlockingQueue<String> publisherEvents = listen(publisher);
            BlockingQueue<String> consumerEvents = listen(consumer);
            Channel receiving = consumer.createChannel();
            String queue = receiving.queueDeclare(broker.unique("alarm"), false, false, true, null).getQueue();
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            receiving.basicConsume(queue, true, (tag, delivery) ->
                    received.add(new String(delivery.getBody(), StandardCharsets.UTF_8)), tag -> { });
            Channel sending = publisher.createChannel();

            try (AutoCloseable alarm = broker.memoryAlarm()) {
                sending.basicPublish("", queue, null, "first".getBytes(StandardCharsets.UTF_8));
                assertThat(publisherEvents.poll(Amqp.WAIT.toMillis(), TimeUnit.MILLISECONDS))
                        .isEqualTo("blocked: low on memory");
                sending.basicPublish("", queue, null, "second".getBytes(StandardCharsets.UTF_8));
                assertThat(received.poll(300, TimeUnit.MILLISECONDS)).as("nothing read from the first publish on")
                        .isNull();
            }

            assertThat(publisherEvents.poll(Amqp.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("unblocked");
            assertThat(received.poll(Amqp.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("first");
            assertThat(received.poll(Amqp.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("second");
            assertThat(consumerEvents).as("a connection that only consumes is never blocked").isEmpty();
        }
    }

    private static BlockingQueue<String> listen(Connection connection) {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        connection.addBlockedListener(new BlockedListener() {
            @Override
            public void handleBlocked(String reason) {
                events.add("blocked: " + reason);
            }

            @Override
            public void handleUnblocked() {
                events.add("unblocked");
            }
        });
        return events;
    }
}
