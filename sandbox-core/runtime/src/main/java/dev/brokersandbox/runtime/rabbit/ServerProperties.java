package dev.brokersandbox.runtime.rabbit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.qpid.server.configuration.CommonProperties;
import org.apache.qpid.server.protocol.v0_8.FieldTable;
import org.apache.qpid.server.protocol.v0_8.transport.ConnectionStartBody;

/**
 * What the broker says about itself in connection.start. Clients and test suites read RabbitMQ's
 * product and version to decide what the broker supports, so the sandbox names the RabbitMQ release
 * whose behaviour it reproduces, and the capabilities it has, as RabbitMQ does.
 */
final class ServerProperties {

    /** The RabbitMQ release the sandbox behaves as: the one the differential suite compares it with. */
    static final String RABBITMQ_VERSION = "3.10.8";

    /** The heartbeat interval RabbitMQ proposes in connection.tune, in seconds. */
    static final int HEARTBEAT_SECONDS = 60;

    /** The capabilities RabbitMQ announces that the sandbox has too; a client relies on each one it sees. */
    private static final Map<String, Object> CAPABILITIES = Map.of("publisher_confirms", true,
            "exchange_exchange_bindings", true, "basic.nack", true, "consumer_cancel_notify", true,
            "per_consumer_qos", true, "direct_reply_to", true, "authentication_failure_close", true);

    private static final String PLATFORM = "Java " + Runtime.version().feature() + " (Broker Sandbox, Qpid Broker-J "
            + CommonProperties.getReleaseVersion() + ")";
    private static final String INFORMATION = "Broker Sandbox: Apache Qpid Broker-J behaving as RabbitMQ "
            + RABBITMQ_VERSION;

    private ServerProperties() {
    }

    /** Qpid's connection.start with RabbitMQ's server properties; Qpid's own {@code qpid.*} ones are kept. */
    static ConnectionStartBody asRabbitMq(ConnectionStartBody qpid) {
        Map<String, Object> properties = new LinkedHashMap<>(FieldTable.convertToMap(qpid.getServerProperties()));
        properties.put("product", "RabbitMQ");
        properties.put("version", RABBITMQ_VERSION);
        properties.put("platform", PLATFORM);
        properties.put("information", INFORMATION);
        properties.put("capabilities", CAPABILITIES);
        return new ConnectionStartBody(qpid.getVersionMajor(), qpid.getVersionMinor(),
                FieldTable.convertToFieldTable(properties), AmqPlain.offeredWith(qpid.getMechanisms()), qpid.getLocales());
    }
}
