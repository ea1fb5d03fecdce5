package dev.brokersandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Sandbox.builder().kafkaSasl(..)}: Kafka's clients authenticate as declared users, and only they get in. */
class KafkaSaslTest {

    private static final String SCRAM_REFUSAL = "Authentication failed during authentication due to invalid "
            + "credentials with SASL mechanism SCRAM-SHA-256";

    static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.builder()
                .kafkaSasl(KafkaSaslMechanism.SCRAM_SHA_256, new KafkaUser("alice", "alice-secret"),
                        new KafkaUser("bob", "b\"o,b\\ secret"))
                .kafka(k -> k.topic("audited", 1))
                .start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void theSandboxsOwnClientsLogInAsTheFirstDeclaredUser() throws Exception {
        assertThat(sandbox.kafka().clientConfig()).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"alice\" password=\"alice-secret\";");
        try (Producer<String, String> producer = sandbox.kafka().producer();
             Consumer<String, String> consumer = sandbox.kafka().consumer("sasl-test")) {
            producer.send(new ProducerRecord<>("audited", "k", "signed in")).get(10, TimeUnit.SECONDS);
            consumer.subscribe(List.of("audited"));
            assertThat(KafkaAwait.records(consumer, 1, Duration.ofSeconds(10))).extracting(ConsumerRecord::value)
                    .containsExactly("signed in");
        }
    }

    @Test
    void anotherDeclaredUserLogsInEvenWithQuotesCommasAndBackslashesInItsPassword() throws Exception {
        try (Admin bob = Admin.create(sandbox.kafka().clientConfig("bob"))) {
            assertThat(bob.listTopics().names().get(10, TimeUnit.SECONDS)).contains("audited");
        }
    }

    @Test
    void aWrongScramPasswordIsRefused() {
        assertRefused(jaas("alice", "not-her-password"), SCRAM_REFUSAL);
    }

    @Test
    void anUndeclaredUserIsRefused() {
        assertRefused(jaas("mallory", "alice-secret"), SCRAM_REFUSAL);
    }

    @Test
    void askingForAnUndeclaredUsersConfigNamesTheDeclaredOnes() {
        assertThatThrownBy(() -> sandbox.kafka().clientConfig("carol"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Kafka user \"carol\" is not declared; this Kafka has users [alice, bob]: declare it with "
                        + "kafkaSasl(..)");
    }

    @Test
    void scramSha512OverTlsAndPlainWorkToo() throws Exception {
        try (Sandbox secure = Sandbox.builder().tls()
                .kafkaSasl(KafkaSaslMechanism.SCRAM_SHA_512, new KafkaUser("carol", "carol-secret"))
                .kafka(k -> k.topic("t", 1)).start();
             Producer<String, String> producer = secure.kafka().producer()) {
            assertThat(secure.kafka().clientConfig()).containsEntry("security.protocol", "SASL_SSL");
            producer.send(new ProducerRecord<>("t", "k", "v")).get(10, TimeUnit.SECONDS);
        }
        try (Sandbox plain = Sandbox.builder()
                .kafkaSasl(KafkaSaslMechanism.PLAIN, new KafkaUser("dave", "dave-secret"))
                .kafka(k -> k.topic("t", 1)).start()) {
            try (Producer<String, String> producer = plain.kafka().producer()) {
                producer.send(new ProducerRecord<>("t", "k", "v")).get(10, TimeUnit.SECONDS);
            }
            Map<String, Object> wrong = plain.kafka().clientConfig();
            wrong.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                    + "username=\"dave\" password=\"guess\";");
            try (Admin admin = Admin.create(wrong)) {
                assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                        .cause().isInstanceOf(SaslAuthenticationException.class)
                        .hasMessage("Authentication failed: Invalid username or password");
            }
        }
    }

    @Test
    void onAKeptDataDirectoryTheScramUsersAreThoseDeclaredNow(@TempDir Path data) throws Exception {
        try (Sandbox first = Sandbox.builder().dataDirectory(data)
                .kafkaSasl(KafkaSaslMechanism.SCRAM_SHA_256, new KafkaUser("alice", "first-secret"),
                        new KafkaUser("gone", "gone-secret"))
                .kafka(k -> k.topic("kept", 1)).start();
             Producer<String, String> producer = first.kafka().producer()) {
            producer.send(new ProducerRecord<>("kept", "k", "v")).get(10, TimeUnit.SECONDS);
        }
        // Kafka's storage is formatted once: its bootstrap users would stay those of the first start.
        try (Sandbox second = Sandbox.builder().dataDirectory(data)
                .kafkaSasl(KafkaSaslMechanism.SCRAM_SHA_256, new KafkaUser("alice", "second-secret"))
                .kafka().start()) {
            try (Admin alice = Admin.create(second.kafka().clientConfig())) {
                assertThat(alice.listTopics().names().get(10, TimeUnit.SECONDS)).contains("kept");
            }
            for (String[] stale : new String[][] {{"alice", "first-secret"}, {"gone", "gone-secret"}}) {
                Map<String, Object> config = second.kafka().clientConfig();
                config.put("sasl.jaas.config", jaas(stale[0], stale[1]));
                try (Admin admin = Admin.create(config)) {
                    assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                            .as("%s with %s", stale[0], stale[1])
                            .cause().isInstanceOf(SaslAuthenticationException.class);
                }
            }
        }
    }

    @Test
    void usersWithoutAMechanismOrAMechanismWithoutUsersAreRefusedSayingWhy() {
        SandboxOptions defaults = SandboxOptions.defaults();
        assertThatThrownBy(() -> defaults.withKafkaSasl(null, List.of(new KafkaUser("alice", "secret"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kafkaUsers [KafkaUser[alice]]: Kafka users need a SASL mechanism; give one with "
                        + "kafkaSasl(mechanism, users)");
        assertThatThrownBy(() -> defaults.withKafkaSasl(KafkaSaslMechanism.SCRAM_SHA_512, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kafkaSasl(SCRAM-SHA-512): declare at least one Kafka user; the sandbox's own clients log "
                        + "in as the first");
        assertThatThrownBy(() -> defaults.withKafkaSasl(KafkaSaslMechanism.PLAIN,
                List.of(new KafkaUser("alice@example.com", "secret"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Kafka user \"alice@example.com\": with SASL PLAIN a user name may hold letters, digits, "
                        + "'.', '_', '$' and '-' only; rename it, or use SCRAM, which takes any name");
        assertThatThrownBy(() -> new KafkaUser("alice", ""))
                .hasMessage("Kafka user \"alice\" needs a password (Kafka refuses empty ones)");
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static void assertRefused(String jaasConfig, String message) {
        Map<String, Object> config = sandbox.kafka().clientConfig();
        config.put("sasl.jaas.config", jaasConfig);
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SaslAuthenticationException.class)
                    .hasMessage(message);
        }
    }
}
