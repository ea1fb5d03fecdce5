package dev.brokersandbox.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.rabbitmq.client.Channel;
import dev.brokersandbox.Leftovers;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** When a test run ends, the brokers it shared are stopped: no thread keeps the JVM alive, no temp dir remains. */
class NoLeftoversTest {

    @Test
    void aRunLeavesNoBrokerThreadAndNoTempDir() {
        Leftovers before = Leftovers.now();

        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(Shared.class), selectClass(PerClass.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(2));

        before.assertNothingNewRemains();
    }

    @BrokerSandbox(topics = @Topic("leftovers"), queues = @Queue("leftovers"))
    static class Shared {
        @Test
        void useBoth(Producer<String, String> producer, Channel channel) throws Exception {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("leftovers", "v")).get();
            channel.basicPublish("", "leftovers", null, new byte[] {1});
        }
    }

    @BrokerSandbox(lifecycle = BrokerSandbox.Lifecycle.PER_CLASS, queues = @Queue("leftovers"))
    static class PerClass {
        @Test
        void useAmqp(Channel channel) throws Exception {
            channel.basicPublish("", "leftovers", null, new byte[] {1});
        }
    }
}
