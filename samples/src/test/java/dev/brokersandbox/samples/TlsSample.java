package dev.brokersandbox.samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import dev.brokersandbox.AmqpAwait;
import dev.brokersandbox.KafkaAwait;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * TLS on both brokers: AMQP as amqps, Kafka through an SSL listener, with certificates of a
 * certificate authority the sandbox makes at start. Only clients that trust it get in.
 */
@BrokerSandbox(tls = true, topics = {@Topic("payments"), @Topic("refunds")},
               queues = {@Queue("invoices"), @Queue("receipts")})
class TlsSample {

    @Test
    void injectedClientsTrustTheSandboxCaWithoutAnySetup(Producer<String, String> producer,
                                                         Consumer<String, String> consumer, Channel channel)
            throws Exception {
        // Proves: with tls = true the injected clients speak TLS to both brokers, and nothing else changes for the test.
        producer.send(new ProducerRecord<>("payments", "account-1", "paid")).get(10, TimeUnit.SECONDS);
        consumer.subscribe(List.of("payments"));
        assertThat(KafkaAwait.records(consumer, 1, Duration.ofSeconds(10))).extracting(ConsumerRecord::value)
                .containsExactly("paid");

        channel.basicPublish("", "invoices", null, "invoice 1".getBytes(UTF_8));
        List<Delivery> messages = AmqpAwait.messages(channel, "invoices", 1, Duration.ofSeconds(10));
        assertThat(new String(messages.get(0).getBody(), UTF_8)).isEqualTo("invoice 1");
    }

    @Test
    void yourOwnClientsTrustItThroughSandboxInfo(SandboxInfo info) throws Exception {
        // Proves: SandboxInfo hands out what a client of your own needs to trust the brokers.
        // tag::tls-own-clients[]
        Map<String, Object> kafkaConfig = info.kafkaClientConfig(); // bootstrap.servers, security.protocol=SSL, trust store
        try (Producer<String, String> producer =
                     new KafkaProducer<>(kafkaConfig, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("refunds", "account-2", "refunded")).get(10, TimeUnit.SECONDS);
        }

        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(info.amqpHost());
        factory.setPort(info.amqpPort());
        factory.setVirtualHost(info.amqpVirtualHost());
        factory.useSslProtocol(info.trustStore().sslContext()); // trusts the sandbox's CA, and only it
        factory.enableHostnameVerification();
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.basicPublish("", "receipts", null, "receipt 1".getBytes(UTF_8));
            GetResponse response = channel.basicGet("receipts", true);
            assertThat(new String(response.getBody(), UTF_8)).isEqualTo("receipt 1");
        }
        // end::tls-own-clients[]
    }

    @Test
    void anAmqpClientThatDoesNotTrustTheSandboxCaIsRefused(SandboxInfo info) throws Exception {
        // Proves: the broker's certificate is checked: the JDK's own CAs never signed it.
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(info.amqpHost());
        factory.setPort(info.amqpPort());
        factory.useSslProtocol(SSLContext.getDefault());

        assertThatThrownBy(factory::newConnection)
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("PKIX path building failed");
    }

    @Test
    void aKafkaClientThatDoesNotTrustTheSandboxCaIsRefused(SandboxInfo info) {
        // Proves: Kafka's SSL listener refuses the handshake of a client that trusts the JDK's CAs only.
        Map<String, Object> untrusting = Map.of("bootstrap.servers", info.kafkaBootstrapServers(),
                "security.protocol", "SSL");
        try (Admin admin = Admin.create(untrusting)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SslAuthenticationException.class)
                    .hasMessage("SSL handshake failed");
        }
    }
}
