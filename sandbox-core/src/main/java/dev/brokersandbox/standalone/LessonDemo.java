package dev.brokersandbox.standalone;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.brokersandbox.KafkaSetup;
import dev.brokersandbox.Sandbox;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * {@code --demo}: the lesson's two examples against the brokers the launcher just started (the
 * RabbitMQ "hello" queue, Kafka's user-activity event), with what start-up cost.
 */
final class LessonDemo {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private LessonDemo() {
    }

    /** @param heapBefore heap used before the brokers started, in bytes */
    static void run(Sandbox sandbox, PrintStream out, long heapBefore, int threadsBefore) throws Exception {
        long heapAfter = usedHeap();
        int threadsAdded = ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore;
        out.printf("Heap used %d MB (%d MB by the brokers), %d threads added.%n%n", heapAfter >> 20,
                (heapAfter - heapBefore) >> 20, threadsAdded);
        if (sandbox.hasAmqp()) {
            rabbitHello(sandbox, out);
        }
        if (sandbox.hasKafka()) {
            kafkaUserActivity(sandbox, out);
        }
    }

    /** The lesson's RabbitMQ example: producer.py and consumer.py on queue "hello". */
    private static void rabbitHello(Sandbox sandbox, PrintStream out) throws Exception {
        try (Connection connection = sandbox.amqp().connectionFactory().newConnection("demo");
             Channel channel = connection.createChannel()) {
            channel.queueDeclare("hello", false, false, false, null);
            channel.confirmSelect();
            channel.basicPublish("", "hello", null,
                    "Hello, RabbitMQ! This is a test message.".getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(WAIT.toMillis());
            out.println("AMQP  [x] Sent 'Hello, RabbitMQ! This is a test message.'");

            BlockingQueue<String> received = new ArrayBlockingQueue<>(1);
            channel.basicConsume("hello", false, (tag, delivery) -> {
                channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
                received.add(new String(delivery.getBody(), StandardCharsets.UTF_8));
            }, tag -> { });
            String body = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (body == null) {
                throw new IllegalStateException("No message arrived on queue 'hello' within " + WAIT.toSeconds() + " s");
            }
            out.println("AMQP  [x] Received '" + body + "'");
        }
    }

    /** The lesson's Kafka example: key user_123 to test-topic, read back by group test-group. */
    private static void kafkaUserActivity(Sandbox sandbox, PrintStream out) throws Exception {
        try (Producer<String, String> producer = sandbox.kafka().producer();
             Consumer<String, String> consumer = sandbox.kafka().consumer("test-group")) {
            sandbox.kafka().createMissingTopics(new KafkaSetup().topic("test-topic", 3));
            RecordMetadata sent = producer.send(new ProducerRecord<>("test-topic", "user_123", "New user activity event"))
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            out.printf("Kafka Message delivered to %s [%d] at offset %d%n", sent.topic(), sent.partition(),
                    sent.offset());

            consumer.subscribe(List.of("test-topic"));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    out.printf("Kafka Received message: key=%s value=%s (partition %d, offset %d)%n",
                            r.key(), r.value(), r.partition(), r.offset());
                    return;
                }
            }
            throw new IllegalStateException("No record arrived on test-topic within " + WAIT.toSeconds() + " s");
        }
    }

    static long usedHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
