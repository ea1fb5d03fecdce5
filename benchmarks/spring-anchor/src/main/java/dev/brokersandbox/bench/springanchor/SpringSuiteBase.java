package dev.brokersandbox.bench.springanchor;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

/** A record through Kafka to the application's @KafkaListener, waited for as our side waits (every 20 ms). */
public abstract class SpringSuiteBase {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    BenchApp.Received received;

    @Test
    void kafkaRecordReachesTheListener() throws Exception {
        String value = "kafka-" + UUID.randomUUID();
        kafka.send("orders", value).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!received.contains(value)) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("the @KafkaListener did not receive " + value + " within " + WAIT);
            }
            Thread.sleep(20);
        }
    }
}
