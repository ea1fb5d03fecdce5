package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.KafkaAwait;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Unlike a queue, a Kafka topic is not drained by reading it: every consumer group keeps its own
 * position, so each group reads every record.
 */
@BrokerSandbox(topics = @Topic(name = "page-views", partitions = 2))
class ConsumerGroupsSample {

    private static final String TOPIC = "page-views";

    @Test
    void everyConsumerGroupGetsEveryRecord(Producer<String, String> producer, SandboxInfo info) throws Exception {
        // Proves: two consumers in two different groups each read all the records of the topic.
        List<String> sent = new ArrayList<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String value = "/page/" + i;
            sends.add(producer.send(new ProducerRecord<>(TOPIC, "visitor-" + i, value)));
            sent.add(value);
        }
        producer.flush();
        for (Future<RecordMetadata> send : sends) {
            send.get(10, TimeUnit.SECONDS);
        }

        try (KafkaConsumer<String, String> analytics = consumer(info, "analytics");
             KafkaConsumer<String, String> billing = consumer(info, "billing")) {
            // tag::two-groups[]
            analytics.subscribe(List.of(TOPIC));
            billing.subscribe(List.of(TOPIC));

            List<ConsumerRecord<String, String>> readByAnalytics = KafkaAwait.records(analytics, sent.size(), Duration.ofSeconds(15));
            List<ConsumerRecord<String, String>> readByBilling = KafkaAwait.records(billing, sent.size(), Duration.ofSeconds(15));
            // end::two-groups[]

            // Order holds per partition only; across two partitions, compare as sets.
            assertThat(readByAnalytics).as("group analytics").extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrderElementsOf(sent);
            assertThat(readByBilling).as("group billing").extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    private static KafkaConsumer<String, String> consumer(SandboxInfo info, String groupId) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, info.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
    }
}
