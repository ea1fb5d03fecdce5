package dev.brokersandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Every supported parameter type is injected, ready to use, wherever JUnit resolves parameters. */
class InjectionTest {

    @Test
    void injectsReadyClientsIntoTestsLifecycleMethodsAndConstructors() {
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(AllParameterTypes.class))
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.started(4).succeeded(4));
    }

    @BrokerSandbox(topics = @Topic(name = "injection-orders", partitions = 3), queues = @Queue("hello"))
    static class AllParameterTypes {

        static SandboxInfo infoFromBeforeAll;
        final SandboxInfo infoFromConstructor;
        Channel channelFromBeforeEach;

        AllParameterTypes(SandboxInfo info) {
            this.infoFromConstructor = info;
        }

        @BeforeAll
        static void beforeAll(SandboxInfo info, Admin admin) throws Exception {
            infoFromBeforeAll = info;
            assertThat(admin.listTopics().names().get()).contains("injection-orders");
        }

        @BeforeEach
        void beforeEach(Channel channel) {
            channelFromBeforeEach = channel;
        }

        @Test
        void kafkaProducerAndConsumer(Producer<String, String> producer, Consumer<String, String> consumer)
                throws Exception {
            producer.send(new ProducerRecord<>("injection-orders", "user_123", "created")).get();
            consumer.subscribe(List.of("injection-orders"));
            var records = consumer.poll(Duration.ofSeconds(10));
            assertThat(records).extracting(r -> r.value()).containsExactly("created");
        }

        @Test
        void amqpChannelAndConnection(Channel channel, Connection connection, ConnectionFactory factory)
                throws Exception {
            channel.basicPublish("", "hello", null, "Hello".getBytes(StandardCharsets.UTF_8));
            try (Channel second = connection.createChannel()) {
                GetResponse response = second.basicGet("hello", true);
                assertThat(response).isNotNull();
                assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("Hello");
            }
            assertThat(factory.getVirtualHost()).isEqualTo(infoFromConstructor.amqpVirtualHost());
        }

        @Test
        void channelFromBeforeEachIsOpen() {
            assertThat(channelFromBeforeEach.isOpen()).isTrue();
        }

        @Test
        void sandboxInfoIsTheSameEverywhereInTheClass(SandboxInfo info) {
            assertThat(info.amqpVirtualHost()).startsWith("sandbox-AllParameterTypes-")
                    .isEqualTo(infoFromBeforeAll.amqpVirtualHost())
                    .isEqualTo(infoFromConstructor.amqpVirtualHost());
            assertThat(info.kafkaBootstrapServers()).startsWith("127.0.0.1:");
            assertThat(info.amqpUri()).isEqualTo("amqp://guest:guest@127.0.0.1:" + info.amqpPort() + "/"
                    + info.amqpVirtualHost());
        }
    }
}
