package dev.brokersandbox.runtime;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import dev.brokersandbox.runtime.logging.LogSink;

/**
 * The one door into the runtime: sandbox-core creates it reflectively inside the runtime's
 * classloader and reaches it through an interface of its own with the same methods. So every
 * parameter and result here is a JDK type (or an object whose methods are, like the embeddings),
 * never a Kafka, Qpid or Jackson type: those exist twice in the JVM, once per classloader.
 */
public final class BrokerRuntime {

    /**
     * @param loggers where the brokers' log lines go, by logger name: the user's SLF4J, seen
     *                through the JDK's {@link System.Logger} so that no SLF4J type crosses over
     */
    public BrokerRuntime(Function<String, System.Logger> loggers) {
        LogSink.install(loggers);
    }

    /** See {@link KafkaEmbedding#start}. */
    public KafkaEmbedding startKafka(Path baseDir, int brokerCount, int firstBrokerPort, String host,
                                     String advertisedHost, boolean tls, String saslMechanism,
                                     Map<String, String> users) {
        return KafkaEmbedding.start(baseDir, brokerCount, firstBrokerPort, host, advertisedHost, tls, saslMechanism,
                users);
    }

    /** See {@link QpidEmbedding#start}; {@code storeDir} may be null. */
    public QpidEmbedding startAmqp(Path workDir, String host, String advertisedHost, int port, String username,
                                   String password, Path storeDir, boolean tls) {
        return QpidEmbedding.start(workDir, host, advertisedHost, port, username, password, storeDir, tls);
    }

    /** The versions of the brokers inside, for reports: {@code kafka} and {@code qpid}. */
    public Map<String, String> versions() {
        return Map.of("kafka", KafkaEmbedding.version(), "qpid", QpidEmbedding.version());
    }
}
