package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.brokersandbox.KafkaAwait;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;

/**
 * Kafka with SASL/SCRAM: clients log in as users the test declares, and a client with a wrong
 * password is refused. The injected clients log in as the first user.
 */
@BrokerSandbox(kafkaSasl = "SCRAM-SHA-256", kafkaUsers = {"alice:alice-secret", "bob:bob-secret"},
               topics = {@Topic("audit"), @Topic("reports")})
class KafkaSaslSample {

    @Test
    void injectedClientsLogInAsTheFirstDeclaredUser(Producer<String, String> producer,
                                                    Consumer<String, String> consumer) throws Exception {
        // Proves: with kafkaSasl the injected clients authenticate (as alice) with no setup of yours.
        producer.send(new ProducerRecord<>("audit", "alice", "logged in")).get(10, TimeUnit.SECONDS);
        consumer.subscribe(List.of("audit"));
        assertThat(KafkaAwait.records(consumer, 1, Duration.ofSeconds(10))).extracting(ConsumerRecord::value)
                .containsExactly("logged in");
    }

    @Test
    void anotherUserLogsInWithItsOwnPassword(SandboxInfo info) throws Exception {
        // Proves: a client of your own logs in as any declared user with the usual Kafka settings.
        // tag::kafka-scram-login[]
        Map<String, Object> config = info.kafkaClientConfig(); // bootstrap.servers, security.protocol=SASL_PLAINTEXT, sasl.mechanism
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"bob\" password=\"bob-secret\";");
        try (Admin admin = Admin.create(config)) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("audit", "reports");
        }
        // end::kafka-scram-login[]
    }

    @Test
    void aWrongScramPasswordIsRefused(SandboxInfo info) {
        // Proves: the broker checks the password; Kafka says why, without saying which part was wrong.
        Map<String, Object> config = info.kafkaClientConfig();
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"bob\" password=\"not-bobs-password\";");
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SaslAuthenticationException.class)
                    .hasMessage("Authentication failed during authentication due to invalid credentials with SASL "
                            + "mechanism SCRAM-SHA-256");
        }
    }
}
