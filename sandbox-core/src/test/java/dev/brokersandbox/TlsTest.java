package dev.brokersandbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code Sandbox.builder().tls()}: both brokers speak TLS only, and trust is the sandbox's CA. */
class TlsTest {

    static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.builder().tls()
                .kafka(k -> k.topic("secure-orders", 1))
                .amqp(a -> a.queue("secure-hello"))
                .start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void theSandboxsOwnKafkaClientsTalkSsl() throws Exception {
        assertThat(sandbox.kafka().clientConfig()).containsEntry("security.protocol", "SSL");
        try (Producer<String, String> producer = sandbox.kafka().producer();
             Consumer<String, String> consumer = sandbox.kafka().consumer("tls-test")) {
            producer.send(new ProducerRecord<>("secure-orders", "k", "over TLS")).get();
            consumer.subscribe(List.of("secure-orders"));
            assertThat(KafkaAwait.records(consumer, 1, Duration.ofSeconds(10))).extracting(ConsumerRecord::value)
                    .containsExactly("over TLS");
        }
    }

    @Test
    void theSandboxsOwnConnectionFactorySpeaksAmqps() throws Exception {
        ConnectionFactory factory = sandbox.amqp().connectionFactory();
        assertThat(factory.isSSL()).isTrue();
        assertThat(sandbox.amqp().uri()).startsWith("amqps://guest:guest@127.0.0.1:");
        try (Connection connection = factory.newConnection();
             Channel channel = connection.createChannel()) {
            channel.basicPublish("", "secure-hello", null, "over TLS".getBytes(UTF_8));
            List<Delivery> messages = AmqpAwait.messages(channel, "secure-hello", 1, Duration.ofSeconds(10));
            assertThat(new String(messages.get(0).getBody(), UTF_8)).isEqualTo("over TLS");
        }
    }

    @Test
    void theBrokersCertificateNamesLocalhostAnd127001AndIsSignedByTheSandboxCa() throws Exception {
        SSLContext context = sandbox.trustStore().sslContext();
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", sandbox.amqp().port())) {
            socket.startHandshake();
            X509Certificate server = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertThat(server.getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
                    .contains((Object) "localhost", "127.0.0.1");
            X509Certificate ca = (X509Certificate) sandbox.trustStore().keyStore().getCertificate("broker-sandbox-ca");
            server.verify(ca.getPublicKey());
        }
        // Host name verification is on in the sandbox's factories: "localhost" must match too.
        ConnectionFactory byName = sandbox.amqp().connectionFactory();
        byName.setHost("localhost");
        byName.newConnection().close();
    }

    @Test
    void anAmqpClientThatDoesNotTrustTheSandboxCaIsRefused() throws Exception {
        ConnectionFactory factory = sandbox.amqp().connectionFactory();
        factory.useSslProtocol(SSLContext.getDefault()); // the JDK's CAs only
        factory.setAutomaticRecoveryEnabled(false);
        assertThatThrownBy(factory::newConnection)
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("PKIX path building failed");
    }

    @Test
    void aKafkaClientThatDoesNotTrustTheSandboxCaIsRefused() {
        Map<String, Object> config = Map.of("bootstrap.servers", sandbox.kafka().bootstrapServers(),
                "security.protocol", "SSL");
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.listTopics().names().get())
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SslAuthenticationException.class)
                    .hasMessageContaining("SSL handshake failed");
        }
    }

    @Test
    void aPlainAmqpClientIsNotServedOnTheTlsPort() {
        ConnectionFactory plain = new ConnectionFactory();
        plain.setPort(sandbox.amqp().port());
        plain.setConnectionTimeout(5_000);
        plain.setHandshakeTimeout(5_000);
        assertThatThrownBy(plain::newConnection).isInstanceOf(IOException.class);
    }

    @Test
    void theTrustStoreIsAFileWithItsPasswordAndThePem() throws Exception {
        SandboxTrustStore trust = sandbox.kafka().trustStore();
        assertThat(trust.type()).isEqualTo("PKCS12");
        assertThat(Files.size(trust.path())).isPositive();
        assertThat(trust.caCertificatePem()).startsWith("-----BEGIN CERTIFICATE-----\n");
        // One CA per JVM signs every TLS broker: either broker's trust store trusts both.
        assertThat(sandbox.amqp().trustStore().caCertificatePem()).isEqualTo(trust.caCertificatePem());
    }

    @Test
    void aTlsClusterReplicatesBetweenItsBrokers() throws Exception {
        try (Sandbox cluster = Sandbox.builder().tls().kafkaBrokers(3)
                .kafka(k -> k.topic("replicated", 1, 3, Map.of("min.insync.replicas", "3"))).start();
             Producer<String, String> producer = cluster.kafka().producer()) {
            // acks=all with min.insync.replicas=3: acknowledged only once both followers fetched it.
            producer.send(new ProducerRecord<>("replicated", "k", "everywhere")).get();
            assertThat(cluster.kafka().bootstrapServers().split(",")).hasSize(3);
        }
    }

    @Test
    void restartedBrokersSpeakTlsAndTakeLoginsAsBefore() throws Exception {
        try (Sandbox own = Sandbox.builder().tls()
                .kafkaSasl(KafkaSaslMechanism.SCRAM_SHA_256, new KafkaUser("alice", "alice-secret"))
                .kafka(k -> k.topic("restarted", 1)).amqp().start()) {
            own.kafka().restart();
            own.amqp().restart();
            try (Producer<String, String> producer = own.kafka().producer()) {
                producer.send(new ProducerRecord<>("restarted", "k", "v")).get(30, TimeUnit.SECONDS);
            }
            try (Connection connection = own.amqp().connectionFactory().newConnection()) {
                assertThat(connection.isOpen()).isTrue();
            }
        }
    }

    @Test
    void aSandboxWithoutTlsHasNoTrustStoreAndSaysHowToGetOne() {
        Leftovers before = Leftovers.now();
        try (Sandbox plain = Sandbox.builder().amqp().start()) {
            assertThat(plain.amqp().tls()).isFalse();
            assertThat(plain.amqp().uri()).startsWith("amqp://");
            assertThatThrownBy(plain::trustStore)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageEndingWith("runs without TLS, so it has no trust store: start the sandbox with TLS "
                            + "(Sandbox.builder().tls()) to get one");
        }
        before.assertNothingNewRemains();
    }

}
