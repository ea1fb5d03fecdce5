package dev.brokersandbox.standalone;

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
                    .append(trust == null ? "" : " (SSL)").append('\n');
        }
        if (trust != null) {
            b.append("  TLS CA certificate             ").append(trust.caCertificateFile()).append('\n');
            b.append("  Java trust store               ").append(trust.path()).append(" (PKCS12, password ")
                    .append(trust.password()).append(")\n");
        }
        b.append("  Status                         http://127.0.0.1:").append(statusPort)
                .append("/   or: java -jar broker-sandbox.jar --status")
                .append(statusPort == LauncherOptions.STATUS_PORT ? "" : " --status-port " + statusPort).append('\n');
        b.append("  Data                           ").append(options.dataDir == null
                ? "temp dirs, removed when this stops" : options.dataDir + " (kept)").append("\n\nConnect from\n");
        if (sandbox.hasAmqp()) {
            amqpClients(b, sandbox, trust);
        }
        if (sandbox.hasKafka()) {
            kafkaClients(b, sandbox.kafka().bootstrapServers(), trust);
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

    private static void kafkaClients(StringBuilder b, String servers, SandboxTrustStore trust) {
        if (trust == null) {
            b.append("  Java      bootstrap.servers=").append(servers).append('\n');
            b.append("  Python    confluent_kafka.Producer({'bootstrap.servers': '").append(servers).append("'})\n");
            b.append("  kcat      kcat -b ").append(servers).append(" -L\n");
            return;
        }
        b.append("  Java      bootstrap.servers=").append(servers).append(" security.protocol=SSL ssl.truststore.location=")
                .append(trust.path()).append(" ssl.truststore.password=").append(trust.password())
                .append(" ssl.truststore.type=PKCS12\n");
        b.append("  Python    confluent_kafka.Producer({'bootstrap.servers': '").append(servers)
                .append("', 'security.protocol': 'SSL', 'ssl.ca.location': '").append(trust.caCertificateFile())
                .append("'})\n");
        b.append("  kcat      kcat -b ").append(servers).append(" -X security.protocol=SSL -X ssl.ca.location=")
                .append(trust.caCertificateFile()).append(" -L\n");
    }
}
