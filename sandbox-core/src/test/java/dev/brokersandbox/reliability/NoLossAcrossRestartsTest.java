package dev.brokersandbox.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import dev.brokersandbox.Sandbox;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a broker acknowledged is there after the sandbox is closed and a new one starts on the same
 * data directory: every Kafka record acknowledged with {@code acks=all}, and every AMQP persistent
 * message confirmed to its publisher and not acknowledged by a consumer, also those delivered but
 * not acknowledged when the broker stopped. The promise is in docs/reliability.md.
 */
class NoLossAcrossRestartsTest {

    private static final Logger LOG = LoggerFactory.getLogger(NoLossAcrossRestartsTest.class);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int RECORDS = 2_000;
    private static final int MESSAGES = 1_000;
    private static final int ACKNOWLEDGED = 10;
    private static final int DELIVERED_UNACKNOWLEDGED = 20;

    @Test
    void everyRecordKafkaAcknowledgedWithAcksAllIsReadAfterARestartOnTheDataDirectory(@TempDir Path data)
            throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (Sandbox first = Sandbox.builder().kafka(k -> k.topic("ledger", 3)).dataDirectory(data).start();
             Producer<String, String> producer = first.kafka().producer()) { // acks=all
            for (int i = 0; i < RECORDS; i++) {
                String value = "record-" + i;
                producer.send(new ProducerRecord<>("ledger", "key-" + i, value), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.add(value);
                    }
                });
            }
            producer.flush();
        }
        assertThat(acknowledged).as("records Kafka acknowledged before the restart").hasSize(RECORDS);

        List<String> read = new ArrayList<>();
        try (Sandbox second = Sandbox.builder().kafka(k -> k.topic("ledger", 3)).dataDirectory(data).start();
             Consumer<String, String> consumer = second.kafka().consumer("after-restart")) {
            consumer.subscribe(List.of("ledger"));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (read.size() < RECORDS && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    read.add(record.value());
                }
            }
        }
        LOG.info("Kafka: {} records acknowledged, {} read after the restart", acknowledged.size(), read.size());
        assertThat(read).as("records read within %s s after the restart", WAIT.toSeconds())
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(acknowledged);
    }

    @Test
    void everyConfirmedPersistentMessageNotAcknowledgedIsDeliveredAgainAfterARestartOnTheDataDirectory(
            @TempDir Path data) throws Exception {
        List<String> published = IntStream.range(0, MESSAGES).mapToObj(i -> "message-" + i).toList();
        try (Sandbox first = Sandbox.builder().amqp(a -> a.queue("ledger", true, Map.of())).dataDirectory(data)
                .start()) {
            Connection connection = first.amqp().connectionFactory().newConnection();
            Channel publisher = connection.createChannel();
            publisher.confirmSelect();
            for (String body : published) {
                publisher.basicPublish("", "ledger", MessageProperties.PERSISTENT_TEXT_PLAIN, body.getBytes(UTF_8));
            }
            publisher.waitForConfirmsOrDie(WAIT.toMillis());
            Channel consumer = connection.createChannel();
            for (int i = 0; i < ACKNOWLEDGED + DELIVERED_UNACKNOWLEDGED; i++) {
                GetResponse delivery = consumer.basicGet("ledger", false);
                assertThat(delivery).as("delivery %s before the restart", i).isNotNull();
                if (i < ACKNOWLEDGED) {
                    consumer.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
                }
            }
            // The broker stops with the connection still open and 20 deliveries unacknowledged.
            first.close();
            connection.abort();
        }

        List<String> delivered = new ArrayList<>();
        int redelivered = 0;
        try (Sandbox second = Sandbox.builder().amqp().dataDirectory(data).start();
             Connection connection = second.amqp().connectionFactory().newConnection()) {
            Channel channel = connection.createChannel();
            for (GetResponse r = channel.basicGet("ledger", true); r != null; r = channel.basicGet("ledger", true)) {
                delivered.add(new String(r.getBody(), UTF_8));
                redelivered += r.getEnvelope().isRedeliver() ? 1 : 0;
            }
        }
        LOG.info("AMQP: {} confirmed, {} acknowledged, {} delivered unacknowledged; {} delivered after the restart "
                + "({} marked redelivered)", MESSAGES, ACKNOWLEDGED, DELIVERED_UNACKNOWLEDGED, delivered.size(), redelivered);
        assertThat(delivered).as("messages after the restart, in publish order")
                .containsExactlyElementsOf(published.subList(ACKNOWLEDGED, MESSAGES));
    }
}
