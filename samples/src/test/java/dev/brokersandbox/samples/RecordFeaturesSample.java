package dev.brokersandbox.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.KafkaAwait;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * Besides key and value, a record carries headers and a timestamp, and the topic limits its size.
 */
@BrokerSandbox(topics = {
        @Topic("order-traces"),
        @Topic("orders-created"),
        @Topic(name = "orders-received", config = "message.timestamp.type=LogAppendTime"),
        @Topic(name = "thumbnails", config = "max.message.bytes=1024")})
class RecordFeaturesSample {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /**
     * An hour ago: not a time the broker's clock gives a record written now, yet well within the
     * topics' retention (7 days). A record older than retention.ms is deleted at the broker's next
     * retention check, every second in the sandbox, before a consumer may have read it.
     */
    private static final long SET_BY_PRODUCER = Instant.now().minus(Duration.ofHours(1)).toEpochMilli();

    @Test
    void headersTravelWithTheRecord(Producer<String, String> producer, Consumer<String, String> consumer) throws Exception {
        // Proves: headers sent with a record are read back with it, in order, names and byte values intact, a name repeated included.
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", "4bf92f3577b34da6".getBytes(UTF_8));
        headers.add("source", "checkout".getBytes(UTF_8));
        headers.add("source", "retry".getBytes(UTF_8));
        producer.send(new ProducerRecord<>("order-traces", null, "order-1", "created", headers)).get(10, TimeUnit.SECONDS);

        consumer.subscribe(List.of("order-traces"));
        ConsumerRecord<String, String> record = KafkaAwait.records(consumer, 1, WAIT).get(0);
        assertThat(record.headers()).as("header names read back").extracting(Header::key).containsExactly("trace-id", "source", "source");
        assertThat(record.headers().lastHeader("trace-id").value()).asString(UTF_8).isEqualTo("4bf92f3577b34da6");
        assertThat(record.headers().headers("source")).extracting(h -> new String(h.value(), UTF_8))
                .containsExactly("checkout", "retry");
    }

    @Test
    void createTimeSetByTheProducerIsKept(Producer<String, String> producer, Consumer<String, String> consumer) throws Exception {
        // Proves: on a topic with the default message.timestamp.type=CreateTime, the timestamp the producer set is the one stored and read back.
        producer.send(new ProducerRecord<>("orders-created", null, SET_BY_PRODUCER, "order-2", "paid")).get(10, TimeUnit.SECONDS);

        consumer.subscribe(List.of("orders-created"));
        ConsumerRecord<String, String> record = KafkaAwait.records(consumer, 1, WAIT).get(0);
        assertThat(record.timestampType()).as("timestamp type read back").isEqualTo(TimestampType.CREATE_TIME);
        assertThat(record.timestamp()).as("timestamp read back").isEqualTo(SET_BY_PRODUCER);
    }

    @Test
    void logAppendTimeTopicReplacesTheTimestampWithTheBrokersClock(Producer<String, String> producer,
                                                                  Consumer<String, String> consumer) throws Exception {
        // Proves: on a topic with message.timestamp.type=LogAppendTime, the producer's timestamp is replaced by the broker's time of writing, which the send's metadata reports too.
        long before = System.currentTimeMillis();
        RecordMetadata written = producer.send(new ProducerRecord<>("orders-received", null, SET_BY_PRODUCER, "order-3", "shipped"))
                .get(10, TimeUnit.SECONDS);
        long after = System.currentTimeMillis();

        consumer.subscribe(List.of("orders-received"));
        ConsumerRecord<String, String> record = KafkaAwait.records(consumer, 1, WAIT).get(0);
        assertThat(record.timestampType()).as("timestamp type read back").isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(record.timestamp()).as("timestamp read back").isBetween(before, after).isNotEqualTo(SET_BY_PRODUCER);
        assertThat(written.timestamp()).as("timestamp in the send's metadata").isEqualTo(record.timestamp());
    }

    @Test
    void recordLargerThanTheTopicsMaxMessageBytesIsRejectedByTheBroker(Producer<String, String> producer,
                                                                        Consumer<String, String> consumer) throws Exception {
        // Proves: with max.message.bytes=1024, a record with a 1024-byte value fails with the broker's RecordTooLargeException (the limit counts the whole batch, ~70 bytes of framing included); a 900-byte one is stored, and only it.
        String tooLarge = "x".repeat(1024);
        Throwable thrown = catchThrowable(() -> producer.send(new ProducerRecord<>("thumbnails", "img-1", tooLarge)).get(10, TimeUnit.SECONDS));
        assertThat(thrown).as("what sending a 1024-byte value to thumbnails threw").isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(RecordTooLargeException.class).hasMessageContaining("the server will accept");

        String justUnder = "y".repeat(900);
        producer.send(new ProducerRecord<>("thumbnails", "img-2", justUnder)).get(10, TimeUnit.SECONDS);

        consumer.subscribe(List.of("thumbnails"));
        assertThat(KafkaAwait.records(consumer, 1, WAIT)).singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo("img-2"));
    }
}
