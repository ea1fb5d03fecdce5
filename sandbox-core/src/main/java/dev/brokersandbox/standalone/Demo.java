package dev.brokersandbox.standalone;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.brokersandbox.Sandbox;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The README's demo: starts both brokers in this JVM, runs the lesson's two examples against them
 * (RabbitMQ's "hello" queue, Kafka's user-activity event), says how long start-up took and what
 * it cost, and stops everything.
 */
public final class Demo {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        long startCall = System.currentTimeMillis();
        long heapBefore = usedHeap();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        try (Sandbox sandbox = Sandbox.builder()
                .kafka(k -> k.topic("test-topic", 3))
                .amqp(a -> a.queue("hello"))
                .start()) {
            long ready = System.currentTimeMillis();
            long sinceJvmStart = ready - ManagementFactory.getRuntimeMXBean().getStartTime();
            long heapAfter = usedHeap();
            int threadsAdded = ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore;
            System.out.printf("Broker Sandbox: both brokers ready in %d ms (%d ms after JVM start), heap used %d MB "
                            + "(%d MB by the brokers), %d threads added%n", ready - startCall, sinceJvmStart,
                    heapAfter >> 20, (heapAfter - heapBefore) >> 20, threadsAdded);
            System.out.println("  Kafka: bootstrap.servers=" + sandbox.kafka().bootstrapServers());
            System.out.println("  AMQP:  " + sandbox.amqp().uri());

            rabbitHello(sandbox);
            kafkaUserActivity(sandbox);
            System.out.println("Stopping both brokers.");
        }
    }

    /** The lesson's RabbitMQ example: producer.py and consumer.py on queue "hello". */
    private static void rabbitHello(Sandbox sandbox) throws Exception {
        try (Connection connection = sandbox.amqp().connectionFactory().newConnection("demo");
             Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish("", "hello", null,
                    "Hello, RabbitMQ! This is a test message.".getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(WAIT.toMillis());
            System.out.println("AMQP  [x] Sent 'Hello, RabbitMQ! This is a test message.'");

            BlockingQueue<String> received = new ArrayBlockingQueue<>(1);
            channel.basicConsume("hello", false, (tag, delivery) -> {
                channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
                received.add(new String(delivery.getBody(), StandardCharsets.UTF_8));
            }, tag -> { });
            String body = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (body == null) {
                throw new IllegalStateException("No message arrived on queue 'hello' within " + WAIT.toSeconds() + " s");
            }
            System.out.println("AMQP  [x] Received '" + body + "'");
        }
    }

    /** The lesson's Kafka example: key user_123 to test-topic, read back by group test-group. */
    private static void kafkaUserActivity(Sandbox sandbox) throws Exception {
        try (Producer<String, String> producer = sandbox.kafka().producer();
             Consumer<String, String> consumer = sandbox.kafka().consumer("test-group")) {
            RecordMetadata sent = producer.send(new ProducerRecord<>("test-topic", "user_123", "New user activity event"))
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            System.out.printf("Kafka Message delivered to %s [%d] at offset %d%n", sent.topic(), sent.partition(),
                    sent.offset());

            consumer.subscribe(List.of("test-topic"));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    System.out.printf("Kafka Received message: key=%s value=%s (partition %d, offset %d)%n",
                            r.key(), r.value(), r.partition(), r.offset());
                    return;
                }
            }
            throw new IllegalStateException("No record arrived on test-topic within " + WAIT.toSeconds() + " s");
        }
    }

    private static long usedHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
