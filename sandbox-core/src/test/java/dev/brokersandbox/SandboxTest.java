package dev.brokersandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SandboxTest {

    static Sandbox sandbox;

    @BeforeAll
    static void start() {
        long t0 = System.nanoTime();
        sandbox = Sandbox.builder()
                .kafka(k -> k.topic("orders", 3))
                .amqp(a -> a.queue("hello"))
                .start();
        System.out.println("started in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    @AfterAll
    static void stop() {
        long t0 = System.nanoTime();
        sandbox.close();
        System.out.println("stopped in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    @Test
    void kafkaRoundTrip() throws Exception {
        try (Producer<String, String> p = sandbox.kafka().producer();
             Consumer<String, String> c = sandbox.kafka().consumer("g1")) {
            p.send(new ProducerRecord<>("orders", "k", "v")).get();
            c.subscribe(List.of("orders"));
            ConsumerRecords<String, String> records = c.poll(Duration.ofSeconds(10));
            assertThat(records.count()).isEqualTo(1);
        }
    }

    @Test
    void amqpRoundTrip() throws Exception {
        try (Connection conn = sandbox.amqp().connectionFactory().newConnection();
             Channel ch = conn.createChannel()) {
            ch.basicPublish("", "hello", null, "hi".getBytes(StandardCharsets.UTF_8));
            GetResponse r = null;
            for (int i = 0; i < 50 && r == null; i++) {
                r = ch.basicGet("hello", true);
            }
            assertThat(r).isNotNull();
            assertThat(new String(r.getBody(), StandardCharsets.UTF_8)).isEqualTo("hi");
        }
    }

    @Test
    void virtualHostsAreCreatedOnTheFly() throws Exception {
        sandbox.amqp().createVirtualHost("vh1");
        sandbox.amqp().declare("vh1", new AmqpSetup().queue("q"));
        try (Connection conn = sandbox.amqp().connectionFactory("vh1").newConnection();
             Channel ch = conn.createChannel()) {
            assertThat(ch.queueDeclarePassive("q").getMessageCount()).isZero();
        }
        sandbox.amqp().deleteVirtualHost("vh1");
    }
}
