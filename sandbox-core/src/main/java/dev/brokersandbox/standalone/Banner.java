package dev.brokersandbox.standalone;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.brokersandbox.KafkaBroker;
import dev.brokersandbox.KafkaSaslMechanism;
import dev.brokersandbox.KafkaUser;
import dev.brokersandbox.Sandbox;
import dev.brokersandbox.SandboxTrustStore;

/** What the launcher prints once both brokers are ready: where they listen and how to connect. */
final class Banner {

    private Banner() {
    }

    static String text(Sandbox sandbox, LauncherOptions options, int statusPort) {
        StringBuilder b = new StringBuilder("Broker Sandbox is running.\n\n");
        SandboxTrustStore trust = options.tls ? sandbox.trustStore() : null;
        if (sandbox.hasAmqp()) {
            var amqp = sandbox.amqp();
            b.append("  AMQP 0-9-1 (RabbitMQ clients)  ").append(amqp.host()).append(':').append(amqp.port())
                    .append(trust == null ? "" : " (TLS)")
                    .append("   user guest, password guest, virtual host /\n");
        }
        if (sandbox.hasKafka()) {
            b.append("  Kafka                          ").append(sandbox.kafka().bootstrapServers())
                    .append(trust == null ? "" : " (SSL)");
            if (options.kafkaSasl != null) {
                b.append(" (SASL ").append(options.kafkaSasl.mechanismName()).append(", users ")
                        .append(options.kafkaUsers.stream().map(KafkaUser::name).collect(Collectors.joining(", ")))
                        .append(')');
            }
            b.append('\n');
        }
        if (trust != null) {
            b.append("  TLS CA certificate             ").append(trust.caCertificateFile()).append('\n');
            b.append("  Java trust store               ").append(trust.path()).append(" (PKCS12, password ")
                    .append(trust.password()).append(")\n");
        }
        b.append("  Status                         http://127.0.0.1:").append(statusPort)
                .append("/   or: java -jar broker-sandbox.jar --status")
                .append(statusPort == LauncherOptions.STATUS_PORT ? "" : " --status-port " + statusPort).append('\n');
        if (sandbox.hasAmqp()) {
            b.append("  RabbitMQ management API        http://127.0.0.1:").append(statusPort)
                    .append("/api/   user guest, password guest (rabbitmqadmin")
                    .append(statusPort == LauncherOptions.STATUS_PORT ? "" : " -P " + statusPort).append(")\n");
        }
        b.append("  Data                           ").append(options.dataDir == null
                ? "temp dirs, removed when this stops" : options.dataDir + " (kept)").append("\n\nConnect from\n");
        if (sandbox.hasAmqp()) {
            amqpClients(b, sandbox, trust);
        }
        if (sandbox.hasKafka()) {
            kafkaClients(b, sandbox.kafka(), options, trust);
        }
        return b.append(options.demo ? "\nRunning the lesson's two examples, then stopping.\n"
                : "\nStop with Ctrl+C.\n").toString();
    }

    private static void amqpClients(StringBuilder b, Sandbox sandbox, SandboxTrustStore trust) {
        var amqp = sandbox.amqp();
        if (trust == null) {
            b.append("  Java      new ConnectionFactory() with setPort(").append(amqp.port()).append("), or ")
                    .append(amqp.uri()).append('\n');
            b.append("  Python    pika.BlockingConnection(pika.ConnectionParameters('").append(amqp.host())
                    .append("', ").append(amqp.port()).append("))\n");
            return;
        }
        b.append("  Java      new ConnectionFactory() with setPort(").append(amqp.port())
                .append(") and useSslProtocol(an SSLContext trusting the trust store above)\n");
        b.append("  Python    pika.BlockingConnection(pika.ConnectionParameters('").append(amqp.host())
                .append("', ").append(amqp.port()).append(", ssl_options=pika.SSLOptions(ssl.create_default_context(cafile='")
                .append(trust.caCertificateFile()).append("'), '").append(amqp.host()).append("')))\n");
    }

    private static void kafkaClients(StringBuilder b, KafkaBroker kafka, LauncherOptions options,
                                     SandboxTrustStore trust) {
        String servers = kafka.bootstrapServers();
        Map<String, Object> java = new TreeMap<>(kafka.clientConfig());
        java.remove("bootstrap.servers");
        b.append("  Java      bootstrap.servers=").append(servers).append('\n');
        java.forEach((key, value) -> b.append("            ").append(key).append('=').append(value).append('\n'));
        // librdkafka's names (confluent-kafka, kcat): a CA file instead of a trust store, user and password apart.
        Map<String, String> librdkafka = new LinkedHashMap<>();
        if (java.containsKey("security.protocol")) {
            librdkafka.put("security.protocol", java.get("security.protocol").toString());
        }
        if (trust != null) {
            librdkafka.put("ssl.ca.location", trust.caCertificateFile().toString());
        }
        if (options.kafkaSasl != null) {
            KafkaUser user = options.kafkaUsers.get(0);
            librdkafka.put("sasl.mechanism", options.kafkaSasl.mechanismName());
            librdkafka.put("sasl.username", user.name());
            librdkafka.put("sasl.password", user.password());
        }
        b.append("  Python    confluent_kafka.Producer({'bootstrap.servers': '").append(servers).append('\'');
        librdkafka.forEach((key, value) -> b.append(", '").append(key).append("': '").append(value).append('\''));
        b.append("})\n");
        b.append("  kcat      kcat -b ").append(servers);
        librdkafka.forEach((key, value) -> b.append(" -X ").append(key).append('=').append(value));
        b.append(" -L\n");
        if (options.kafkaSasl != null && options.kafkaSasl != KafkaSaslMechanism.PLAIN) {
            // https://github.com/confluentinc/librdkafka/pull/4895
            b.append("            (librdkafka before 2.6.1 fails every SCRAM login to Kafka 4: for such clients use "
                    + "--kafka-sasl PLAIN)\n");
        }
    }
}
