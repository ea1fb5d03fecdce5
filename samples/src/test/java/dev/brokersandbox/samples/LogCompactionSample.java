package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A compacted topic is a table: the log cleaner removes every record whose key has a newer record,
 * so reading from the beginning gives the latest value of each key. It only cleans closed segments,
 * so the active segment must roll first.
 */
// tag::compacted-topic[]
@BrokerSandbox(topics = @Topic(name = "customer-addresses", config = {
        "cleanup.policy=compact",
        "segment.ms=100",                 // close the active segment once it is 100 ms old (default: 7 days)
        "min.cleanable.dirty.ratio=0.01", // clean as soon as anything is dirty (default: half the log)
        "min.compaction.lag.ms=0"}))      // any record may be compacted away at once (the default)
class LogCompactionSample {
// end::compacted-topic[]

    private static final String TOPIC = "customer-addresses";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final List<String> CUSTOMERS = List.of("alice", "bob", "carol");
    private static final Duration COMPACTION_WAIT = Duration.ofSeconds(30);

    @Test
    void afterCompactionOnlyTheLatestValueOfEachKeyIsLeft(Producer<String, String> producer,
                                                          Consumer<String, String> consumer) throws Exception {
        // Proves: of three addresses written per customer, only the last one is left after the cleaner ran, still at the offset it was written to.
        Map<String, Long> latestOffset = new TreeMap<>();
        for (int move = 1; move <= 3; move++) {
            for (String customer : CUSTOMERS) {
                long offset = producer.send(new ProducerRecord<>(TOPIC, customer, customer + "-address-" + move))
                        .get(10, TimeUnit.SECONDS).offset();
                latestOffset.put(customer, offset);
            }
        }

        consumer.assign(List.of(PARTITION));
        long deadline = System.nanoTime() + COMPACTION_WAIT.toNanos();
        Map<String, List<ConsumerRecord<String, String>>> log = readFromTheBeginning(consumer, deadline);
        for (int round = 1; !onlyLatestLeft(log); round++) {
            if (System.nanoTime() - deadline > 0) {
                fail("expected one address per customer within %d s, but after %d rounds the log still held %s",
                        COMPACTION_WAIT.toSeconds(), round, describe(log));
            }
            // A new record rolls the active segment once it is older than segment.ms; the records before it
            // are then in a closed segment, which the cleaner (it looks every 250 ms here) compacts.
            producer.send(new ProducerRecord<>(TOPIC, "filler", "round-" + round)).get(10, TimeUnit.SECONDS);
            log = readFromTheBeginning(consumer, deadline);
        }

        for (String customer : CUSTOMERS) {
            assertThat(log.get(customer)).as("records of %s after compaction", customer).singleElement().satisfies(r -> {
                assertThat(r.value()).isEqualTo(customer + "-address-3");
                assertThat(r.offset()).as("offset (compaction never renumbers)").isEqualTo(latestOffset.get(customer));
            });
        }
    }

    /**
     * Every record now in the partition, by key. After reaching the end it waits a further poll of
     * 250 ms for nothing, which gives the segment time to age and the cleaner time to run.
     */
    private static Map<String, List<ConsumerRecord<String, String>>> readFromTheBeginning(Consumer<String, String> consumer,
                                                                                        long deadline) {
        long end = consumer.endOffsets(List.of(PARTITION)).get(PARTITION);
        consumer.seekToBeginning(List.of(PARTITION));
        Map<String, List<ConsumerRecord<String, String>>> byKey = new LinkedHashMap<>();
        while (consumer.position(PARTITION) < end && System.nanoTime() - deadline < 0) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record);
            }
        }
        consumer.poll(Duration.ofMillis(250));
        return byKey;
    }

    private static boolean onlyLatestLeft(Map<String, List<ConsumerRecord<String, String>>> log) {
        return CUSTOMERS.stream().allMatch(c -> log.containsKey(c) && log.get(c).size() == 1);
    }

    private static Map<String, List<String>> describe(Map<String, List<ConsumerRecord<String, String>>> log) {
        Map<String, List<String>> values = new TreeMap<>();
        log.forEach((key, records) -> values.put(key, records.stream().map(r -> r.offset() + ":" + r.value()).toList()));
        return values;
    }
}
