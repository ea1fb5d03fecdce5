package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.brokersandbox.KafkaAwait;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * Kafka orders records per partition only, and the default partitioner picks the partition from
 * the key's hash: the same key always goes to the same partition, so one key's records stay in order.
 */
@BrokerSandbox(topics = {
        @Topic(name = "orders-by-customer", partitions = 3),
        @Topic(name = "users-by-id", partitions = 3)})
class PartitionKeyOrderingSample {

    @Test
    void recordsWithTheSameKeyLandInOnePartitionInSendOrder(Producer<String, String> producer,
                                                            Consumer<String, String> consumer) throws Exception {
        // Proves: all records of one key land in a single partition and are read back in the order they were sent.
        List<String> customers = List.of("alice", "bob", "carol");
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        Map<String, List<String>> sentPerKey = new LinkedHashMap<>();
        for (int step = 1; step <= 5; step++) {
            for (String customer : customers) {
                String value = customer + "-step-" + step;
                sends.add(producer.send(new ProducerRecord<>("orders-by-customer", customer, value)));
                sentPerKey.computeIfAbsent(customer, k -> new ArrayList<>()).add(value);
            }
        }
        producer.flush();
        for (Future<RecordMetadata> send : sends) {
            send.get(10, TimeUnit.SECONDS); // throws if the broker did not acknowledge a record
        }

        consumer.subscribe(List.of("orders-by-customer"));
        List<ConsumerRecord<String, String>> records = KafkaAwait.records(consumer, sends.size(), Duration.ofSeconds(15));

        assertThat(records).hasSize(sends.size());
        for (String customer : customers) {
            // tag::same-key-same-partition[]
            List<ConsumerRecord<String, String>> ofCustomer = records.stream()
                    .filter(r -> r.key().equals(customer)).toList();
            assertThat(ofCustomer).as("partitions of key %s", customer)
                    .extracting(ConsumerRecord::partition).containsOnly(ofCustomer.get(0).partition());
            assertThat(ofCustomer).as("values of key %s, in the order read", customer)
                    .extracting(ConsumerRecord::value).containsExactlyElementsOf(sentPerKey.get(customer));
            // end::same-key-same-partition[]
        }
    }

    @Test
    void differentKeysMaySpreadOverThePartitions(Producer<String, String> producer) throws Exception {
        // Proves: the partition is a function of the key: each key keeps its partition across sends, and these twelve keys use more than one partition.
        Map<String, Set<Integer>> partitionsPerKey = new LinkedHashMap<>();
        for (int round = 0; round < 2; round++) {
            for (int id = 1; id <= 12; id++) {
                String key = "user-" + id;
                RecordMetadata sent = producer.send(new ProducerRecord<>("users-by-id", key, "login " + round))
                        .get(10, TimeUnit.SECONDS);
                partitionsPerKey.computeIfAbsent(key, k -> new TreeSet<>()).add(sent.partition());
            }
        }

        assertThat(partitionsPerKey).allSatisfy((key, partitions) ->
                assertThat(partitions).as("partitions key %s went to", key).hasSize(1));
        Set<Integer> used = partitionsPerKey.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
        // Murmur2 of these twelve keys, modulo 3, is not all the same; with one key only, it would be.
        assertThat(used).as("partitions used by 12 keys, per key: %s", partitionsPerKey).hasSizeGreaterThan(1);
    }
}
