package dev.brokersandbox.standalone;

import dev.brokersandbox.Sandbox;

/** What the launcher prints once both brokers are ready: where they listen and how to connect. */
final class Banner {

    private Banner() {
    }

    static String text(Sandbox sandbox, LauncherOptions options, int statusPort) {
        StringBuilder b = new StringBuilder("Broker Sandbox is running.\n\n");
        if (sandbox.hasAmqp()) {
            var amqp = sandbox.amqp();
            b.append("  AMQP 0-9-1 (RabbitMQ clients)  ").append(amqp.host()).append(':').append(amqp.port())
                    .append("   user guest, password guest, virtual host /\n");
        }
        if (sandbox.hasKafka()) {
            b.append("  Kafka                          ").append(sandbox.kafka().bootstrapServers()).append('\n');
        }
        b.append("  Status                         http://127.0.0.1:").append(statusPort)
                .append("/   or: java -jar broker-sandbox.jar --status")
                .append(statusPort == LauncherOptions.STATUS_PORT ? "" : " --status-port " + statusPort).append('\n');
        b.append("  Data                           ").append(options.dataDir == null
                ? "temp dirs, removed when this stops" : options.dataDir + " (kept)").append("\n\nConnect from\n");
        if (sandbox.hasAmqp()) {
            var amqp = sandbox.amqp();
            b.append("  Java      new ConnectionFactory() with setPort(").append(amqp.port()).append("), or ")
                    .append(amqp.uri()).append('\n');
            b.append("  Python    pika.BlockingConnection(pika.ConnectionParameters('").append(amqp.host())
                    .append("', ").append(amqp.port()).append("))\n");
        }
        if (sandbox.hasKafka()) {
            String servers = sandbox.kafka().bootstrapServers();
            b.append("  Java      bootstrap.servers=").append(servers).append('\n');
            b.append("  Python    confluent_kafka.Producer({'bootstrap.servers': '").append(servers).append("'})\n");
            b.append("  kcat      kcat -b ").append(servers).append(" -L\n");
        }
        return b.append(options.demo ? "\nRunning the lesson's two examples, then stopping.\n"
                : "\nStop with Ctrl+C.\n").toString();
    }
}
