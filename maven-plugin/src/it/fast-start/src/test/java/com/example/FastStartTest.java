package com.example;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.rabbitmq.client.Channel;
import com.sun.management.HotSpotDiagnosticMXBean;
import dev.brokersandbox.AmqpAwait;
import dev.brokersandbox.KafkaAwait;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** A test JVM set up by broker-sandbox:prepare-fast-start: the brokers work, and start from the archive. */
@BrokerSandbox(topics = @Topic("orders"), queues = @Queue("hello"))
class FastStartTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final HotSpotDiagnosticMXBean HOTSPOT = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @Test
    void bothBrokersRoundTrip(Producer<String, String> producer, Consumer<String, String> consumer, Channel channel) throws Exception {
        producer.send(new ProducerRecord<>("orders", "k", "order")).get();
        consumer.subscribe(List.of("orders"));
        assertEquals("order", KafkaAwait.records(consumer, 1, WAIT).get(0).value());
        channel.basicPublish("", "hello", null, "hi".getBytes(UTF_8));
        assertEquals("hi", new String(AmqpAwait.messages(channel, "hello", 1, WAIT).get(0).getBody(), UTF_8));
    }

    @Test
    void theJvmRunsWithoutC2() {
        assertEquals("1", HOTSPOT.getVMOption("TieredStopAtLevel").getValue());
    }

    @Test
    void theArchiveWasMadeByTheFirstBuildAndReusedByTheSecond() {
        assertEquals(System.getProperty("expectedCdsState"), System.getProperty("cdsState"));
        Path archive = Path.of(HOTSPOT.getVMOption("SharedArchiveFile").getValue());
        assertTrue(archive.startsWith(Path.of(System.getProperty("cacheDirectory"), "cds")), archive.toString());
        assertTrue(Files.isRegularFile(archive), archive + " is not a file");
    }

    @Test
    void theBrokersClassesComeFromTheArchive(Channel startsTheBrokers) throws Exception {
        long fromArchive;
        long fromJars;
        try (Stream<String> lines = Files.lines(Path.of(System.getProperty("classLoadLog")))) {
            // Lambdas of a custom class loader are never archived on JDK 17: they are left out of the count.
            List<String> broker = lines.filter(l -> l.contains(" kafka.server.") || l.contains(" org.apache.qpid.server."))
                    .filter(l -> !l.contains("$$Lambda")).toList();
            fromArchive = broker.stream().filter(l -> l.contains("source: shared objects file (top)")).count();
            fromJars = broker.size() - fromArchive;
        }
        assertTrue(fromArchive > 500 && fromArchive > 3 * fromJars,
                "broker classes from the archive: " + fromArchive + ", from jars: " + fromJars);
    }
}
