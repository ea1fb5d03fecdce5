package dev.brokersandbox.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Properties;

import dev.brokersandbox.SandboxException;

/**
 * The client jars the sandbox's API is built on come from the user's classpath, in the user's
 * versions: any the brokers' wire protocols accept. A version the API cannot work with is named
 * here, once, before it turns into a {@code NoSuchMethodError} somewhere inside.
 */
public final class ClientJars {

    private static final String KAFKA_VERSION = "kafka/kafka-version.properties";
    private static final String AMQP_VERSION = "rabbitmq-amqp-client.properties";

    private ClientJars() {
    }

    /** Kafka's clients: 3.0 or later (the admin calls the sandbox makes came with 3.0). */
    public static void requireKafkaClients() {
        require("org.apache.kafka:kafka-clients", KAFKA_VERSION, "version", 3, "3.0");
    }

    /** RabbitMQ's Java client: 5.x (4.x speaks the same protocol but lacks what the API hands out). */
    public static void requireAmqpClient() {
        require("com.rabbitmq:amqp-client", AMQP_VERSION, "com.rabbitmq.client.version", 5, "5.0");
    }

    static void require(String artifact, String resource, String key, int minimumMajor, String minimum) {
        URL found = ClientJars.class.getClassLoader().getResource(resource);
        if (found == null) {
            throw new SandboxException(artifact + " is not on the classpath: the sandbox hands out its clients. "
                    + "Add " + artifact + " " + minimum + " or later to your test dependencies.");
        }
        String version = version(found, key);
        if (major(version) < minimumMajor) {
            throw new SandboxException(artifact + " " + version + " is on the classpath (" + jarOf(found) + "), "
                    + "but Broker Sandbox needs " + minimum + " or later. Upgrade " + artifact + " in your build "
                    + "(the brokers run in their own classloader, so only the client's API matters).");
        }
    }

    private static String version(URL resource, String key) {
        Properties properties = new Properties();
        try (InputStream in = resource.openStream()) {
            properties.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty(key, "unknown").trim();
    }

    /** The major version, or a large number when it cannot be read: an unreadable version is not refused. */
    private static int major(String version) {
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String jarOf(URL resource) {
        String url = resource.toString();
        int bang = url.indexOf("!/");
        return bang < 0 ? url : url.substring(0, bang).replaceFirst("^jar:", "");
    }
}
