package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.KafkaAwait;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** A topic declared on a test method is that test's own: created empty before it, deleted after it. */
@BrokerSandbox
class MethodTopicSample {

    @Test
    @Topic(name = "clicks", partitions = 2)
    void firstTestWritesToItsOwnTopic(Producer<String, String> producer, Consumer<String, String> consumer)
            throws Exception {
        // Proves: a method-level topic exists with its partitions before the test starts.
        producer.send(new ProducerRecord<>("clicks", "page-1", "first test")).get(10, TimeUnit.SECONDS);
        consumer.subscribe(List.of("clicks"));
        assertThat(KafkaAwait.records(consumer, 1, Duration.ofSeconds(10))).extracting(ConsumerRecord::value)
                .containsExactly("first test");
        assertThat(consumer.partitionsFor("clicks")).hasSize(2);
    }

    @Test
    @Topic(name = "clicks", partitions = 2)
    void secondTestStartsWithAnEmptyTopicOfTheSameName(Producer<String, String> producer,
                                                       Consumer<String, String> consumer) throws Exception {
        // Proves: the same topic name in another test is a fresh, empty topic: nothing the other test wrote is seen.
        producer.send(new ProducerRecord<>("clicks", "page-2", "second test")).get(10, TimeUnit.SECONDS);
        consumer.subscribe(List.of("clicks"));
        assertThat(KafkaAwait.records(consumer, 1, Duration.ofSeconds(10))).extracting(ConsumerRecord::value)
                .containsExactly("second test");
    }
}
