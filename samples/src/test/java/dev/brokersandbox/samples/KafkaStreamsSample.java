package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka Streams runs a processing topology inside the application, on plain topics: here the
 * classic word count, reading lines from one topic and writing each word's running count to another.
 */
@BrokerSandbox(topics = {@Topic(name = "text-lines", partitions = 2), @Topic(name = "word-counts", partitions = 2)})
class KafkaStreamsSample {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void wordCountTopologyWritesTheCountOfEachWord(Producer<String, String> producer, SandboxInfo info,
                                                   @TempDir Path stateDir) throws Exception {
        // Proves: a Streams word count over three lines writes, for every word, a running count whose latest value is the word's number of occurrences.
        for (String line : List.of("the quick brown fox", "jumps over the lazy dog", "The fox")) {
            producer.send(new ProducerRecord<>("text-lines", null, line)).get(10, TimeUnit.SECONDS);
        }
        Map<String, Long> expected = Map.of("the", 3L, "quick", 1L, "brown", 1L, "fox", 2L,
                "jumps", 1L, "over", 1L, "lazy", 1L, "dog", 1L);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("text-lines", Consumed.with(Serdes.String(), Serdes.String()))
                .flatMapValues(line -> Arrays.asList(line.toLowerCase(Locale.ROOT).split("\\W+")))
                // Re-key by word: Streams sends the records through a repartition topic it creates itself.
                .groupBy((key, word) -> word, Grouped.with("by-word", Serdes.String(), Serdes.String()))
                // A table word -> count, in a local state store backed by a changelog topic.
                .count(Materialized.as("counts"))
                .toStream()
                .to("word-counts", Produced.with(Serdes.String(), Serdes.Long()));

        Properties config = new Properties();
        // The application id names the consumer group and prefixes the internal topics: unique per run.
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "word-count-" + UUID.randomUUID());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, info.kafkaBootstrapServers());
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);        // results out every 100 ms, not every 30 s
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0); // no cache: every update goes out at once
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");

        KafkaStreams streams = new KafkaStreams(builder.build(), config);
        try {
            streams.start();
            assertThat(latestCounts(info, expected)).isEqualTo(expected);
        } finally {
            streams.close(Duration.ofSeconds(10));
        }
    }

    /** Reads word-counts until the latest count of every word is the expected one; fails at the deadline with what it read. */
    private static Map<String, Long> latestCounts(SandboxInfo info, Map<String, Long> expected) {
        Map<String, Long> latest = new TreeMap<>();
        try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, info.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "word-count-reader-" + UUID.randomUUID(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, LongDeserializer.class,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
            consumer.subscribe(List.of("word-counts"));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!latest.equals(expected)) {
                if (System.nanoTime() - deadline > 0) {
                    fail("expected the counts %s in word-counts within %d s, but the latest counts read were %s",
                            new TreeMap<>(expected), WAIT.toSeconds(), latest);
                }
                for (ConsumerRecord<String, Long> record : consumer.poll(Duration.ofMillis(100))) {
                    latest.put(record.key(), record.value());
                }
            }
        }
        return latest;
    }
}
