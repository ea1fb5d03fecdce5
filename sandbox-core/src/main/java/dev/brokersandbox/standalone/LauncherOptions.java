package dev.brokersandbox.standalone;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.brokersandbox.KafkaSaslMechanism;
import dev.brokersandbox.KafkaUser;

/** The launcher's command line, parsed and checked; every mistake is a {@link UsageException} naming the flag. */
final class LauncherOptions {

    static final int AMQP_PORT = 5672;
    static final int KAFKA_PORT = 9092;
    static final int STATUS_PORT = 15672;

    record TopicFlag(String name, int partitions) {
    }

    record QueueFlag(String name, boolean durable) {
    }

    String bind = "127.0.0.1";
    int amqpPort = AMQP_PORT;
    int kafkaPort = KAFKA_PORT;
    int statusPort = STATUS_PORT;
    int kafkaBrokers = 1;
    boolean amqp = true;
    boolean kafka = true;
    Path dataDir;
    final List<TopicFlag> topics = new ArrayList<>();
    final List<QueueFlag> queues = new ArrayList<>();
    boolean tls;
    /** Null for none. */
    KafkaSaslMechanism kafkaSasl;
    final List<KafkaUser> kafkaUsers = new ArrayList<>();
    boolean verbose;
    boolean demo;
    boolean reuse;
    boolean status;
    /** The rabbitmqctl command line after --ctl, or null. */
    List<String> ctl;
    boolean help;
    /** Run the brokers in this JVM as it is, without the tuned child JVM (see TunedJvm). */
    boolean noTune;

    static final String USAGE = """
            Usage: java -jar broker-sandbox.jar [options]

            Starts a real AMQP 0-9-1 broker (Apache Qpid Broker-J, behaving like RabbitMQ) and a real
            Apache Kafka (KRaft) in one process, for demos and classrooms. Stop it with Ctrl+C.

              --amqp-port N         AMQP port (default 5672; 0 for a free one)
              --kafka-port N        Kafka port (default 9092; 0 for a free one)
              --status-port N       status page port, always on 127.0.0.1 (default 15672; 0 for a free one);
                                    RabbitMQ's management HTTP API is on it too, under /api/
              --kafka-brokers N     a Kafka cluster of N brokers beside one controller, on consecutive
                                    ports from --kafka-port (default 1: one combined broker and controller)
              --no-amqp             start Kafka only
              --no-kafka            start the AMQP broker only
              --data-dir DIR        keep Kafka's records and the durable queues with their persistent
                                    messages in DIR across restarts (default: temp dirs, removed on exit)
              --topic NAME:N        create Kafka topic NAME with N partitions (repeatable; NAME alone: 1)
              --queue NAME          declare AMQP queue NAME in vhost / (repeatable; NAME:durable for a durable one)
              --bind ADDRESS        listen on ADDRESS instead of 127.0.0.1 (exposes the brokers, guest/guest!)
              --tls                 clients must connect with TLS (AMQP as amqps, Kafka's SSL listener), to
                                    certificates of a CA made at start; its PEM file is printed at start
              --kafka-sasl MECH     Kafka's clients must log in with SASL MECH: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512
              --kafka-user N:P      a Kafka user N with password P, for --kafka-sasl (repeatable)
              --verbose             show the brokers' own logs (default: warnings only)
              --reuse               keep both brokers running (on free ports) for test JVMs on this machine
                                    to attach to (brokersandbox.reuse=true): found through a state file in
                                    the user's cache directory; stop it with Ctrl+C or kill
              --demo                run the lesson's two examples against the brokers, then stop
                                    (on free ports unless --amqp-port/--kafka-port say otherwise)
              --status              ask the sandbox running on this machine what it holds, and exit
              --ctl COMMAND ...     run a rabbitmqctl command on the sandbox running on this machine:
                                    stop_app, start_app, list_connections, close_connection,
                                    close_all_connections, delete_queue (rabbitmqctl's arguments)
              --no-tune             run in this JVM as started (default: a child JVM with faster start-up flags,
                                    C1 only and a class data sharing archive made by the first run)
              --help                this text
            """;

    static LauncherOptions parse(String... args) {
        LauncherOptions o = new LauncherOptions();
        List<String> given = List.of(args);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--amqp-port" -> o.amqpPort = port(flag, value(args, ++i, flag));
                case "--kafka-port" -> o.kafkaPort = port(flag, value(args, ++i, flag));
                case "--status-port" -> o.statusPort = port(flag, value(args, ++i, flag));
                case "--kafka-brokers" -> o.kafkaBrokers = brokers(value(args, ++i, flag));
                case "--no-amqp" -> o.amqp = false;
                case "--no-kafka" -> o.kafka = false;
                case "--data-dir" -> o.dataDir = Path.of(value(args, ++i, flag)).toAbsolutePath();
                case "--topic" -> o.topics.add(topic(value(args, ++i, flag)));
                case "--queue" -> o.queues.add(queue(value(args, ++i, flag)));
                case "--bind" -> o.bind = address(value(args, ++i, flag));
                case "--tls" -> o.tls = true;
                case "--kafka-sasl" -> o.kafkaSasl = mechanism(value(args, ++i, flag));
                case "--kafka-user" -> o.kafkaUsers.add(user(value(args, ++i, flag)));
                case "--verbose" -> o.verbose = true;
                case "--demo" -> o.demo = true;
                case "--reuse" -> o.reuse = true;
                case "--status" -> o.status = true;
                case "--ctl" -> {
                    o.ctl = given.subList(i + 1, given.size());
                    i = args.length;
                }
                case "--help", "-h" -> o.help = true;
                case "--no-tune" -> o.noTune = true;
                default -> throw new UsageException("unknown option " + flag + " (--help lists the options)");
            }
        }
        if (o.reuse && (!o.amqp || !o.kafka || o.dataDir != null || o.tls || o.kafkaSasl != null || o.demo)) {
            throw new UsageException("--reuse runs both brokers as test JVMs attach to them: it takes no --no-amqp, "
                    + "--no-kafka, --data-dir, --tls, --kafka-sasl or --demo");
        }
        if (o.demo || o.reuse) {
            // A demo ends by itself: it needs no well-known port, and must not fail on a busy one.
            // A reuse launcher is found through its state file, not by its ports.
            o.amqpPort = given.contains("--amqp-port") ? o.amqpPort : 0;
            o.kafkaPort = given.contains("--kafka-port") ? o.kafkaPort : 0;
            o.statusPort = given.contains("--status-port") ? o.statusPort : 0;
        }
        if (!o.amqp && !o.kafka) {
            throw new UsageException("--no-amqp and --no-kafka together leave nothing to start: drop one of them");
        }
        if (!o.kafka && !o.topics.isEmpty()) {
            throw new UsageException("--topic " + o.topics.get(0).name() + " needs Kafka, but --no-kafka was given");
        }
        if (o.kafkaSasl == null && !o.kafkaUsers.isEmpty()) {
            throw new UsageException("--kafka-user " + o.kafkaUsers.get(0).name() + " needs --kafka-sasl MECH "
                    + "(PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512): users log in with a SASL mechanism");
        }
        if (o.kafkaSasl != null && o.kafkaUsers.isEmpty()) {
            throw new UsageException("--kafka-sasl " + o.kafkaSasl.mechanismName() + " needs at least one --kafka-user NAME:PASSWORD");
        }
        if (!o.kafka && o.kafkaSasl != null) {
            throw new UsageException("--kafka-sasl needs Kafka, but --no-kafka was given");
        }
        if (!o.amqp && !o.queues.isEmpty()) {
            throw new UsageException("--queue " + o.queues.get(0).name() + " needs the AMQP broker, but --no-amqp was given");
        }
        return o;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(flag + " needs a value (--help lists the options)");
        }
        return args[i];
    }

    private static String address(String value) {
        try {
            InetAddress.getByName(value);
            return value;
        } catch (UnknownHostException e) {
            throw new UsageException("--bind " + value + ": not an address this machine can resolve; give an IP "
                    + "address of this machine, such as 127.0.0.1 (the default) or 0.0.0.0 for all");
        }
    }

    private static int port(String flag, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the flag
        }
        throw new UsageException(flag + " " + value + ": a port is a number from 1 to 65535, or 0 for a free one");
    }

    private static int brokers(String value) {
        try {
            int brokers = Integer.parseInt(value);
            if (brokers >= 1) {
                return brokers;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the flag
        }
        throw new UsageException("--kafka-brokers " + value + ": give the number of Kafka brokers, at least 1, as in "
                + "--kafka-brokers 3");
    }

    private static TopicFlag topic(String value) {
        int colon = value.lastIndexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        if (name.isEmpty()) {
            throw new UsageException("--topic " + value + ": the topic needs a name, as in --topic orders:3");
        }
        if (colon < 0) {
            return new TopicFlag(name, 1);
        }
        try {
            int partitions = Integer.parseInt(value.substring(colon + 1));
            if (partitions >= 1) {
                return new TopicFlag(name, partitions);
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the flag
        }
        throw new UsageException("--topic " + value + ": partitions must be a number of at least 1, as in --topic "
                + name + ":3");
    }

    private static KafkaSaslMechanism mechanism(String value) {
        try {
            return KafkaSaslMechanism.of(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--kafka-sasl " + e.getMessage());
        }
    }

    private static KafkaUser user(String value) {
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new UsageException("--kafka-user " + value.replaceFirst(":.*", ":…") + ": give a name and a password, "
                    + "as in --kafka-user alice:alice-secret");
        }
        return new KafkaUser(value.substring(0, colon), value.substring(colon + 1));
    }

    private static QueueFlag queue(String value) {
        boolean durable = value.endsWith(":durable");
        String name = durable ? value.substring(0, value.length() - ":durable".length()) : value;
        if (name.isEmpty()) {
            throw new UsageException("--queue " + value + ": the queue needs a name, as in --queue hello");
        }
        return new QueueFlag(name, durable);
    }

    /** A command line the launcher cannot run; the message names the flag and the fix. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
