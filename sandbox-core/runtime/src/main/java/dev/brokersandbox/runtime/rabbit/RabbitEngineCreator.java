package dev.brokersandbox.runtime.rabbit;

import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Protocol;
import org.apache.qpid.server.model.Transport;
import org.apache.qpid.server.model.port.AmqpPort;
import org.apache.qpid.server.plugin.ProtocolEngineCreator;
import org.apache.qpid.server.transport.AggregateTicker;
import org.apache.qpid.server.transport.ProtocolEngine;
import org.apache.qpid.server.transport.ServerNetworkConnection;

/**
 * Qpid's plugin point for a wire protocol: answers AMQP 0-9-1 connections with a
 * {@link RabbitConnection} instead of Qpid's own. Registered in {@code META-INF/services}; Qpid's own
 * 0-9-1 creator is switched off with {@link #DISABLE_QPIDS_OWN} (its type differs from ours, so
 * the switch leaves this one on).
 */
public final class RabbitEngineCreator implements ProtocolEngineCreator {

    /** The system property, read by Qpid's plugin loader, that turns Qpid's own 0-9-1 creator off. */
    public static final String DISABLE_QPIDS_OWN = "qpid.plugin.disabled:protocolenginecreator.AMQP_0_9_1";

    private static final byte[] AMQP_0_9_1_HEADER = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};

    @Override
    public Protocol getVersion() {
        return Protocol.AMQP_0_9_1;
    }

    @Override
    public byte[] getHeaderIdentifier() {
        return AMQP_0_9_1_HEADER.clone();
    }

    @Override
    public ProtocolEngine newProtocolEngine(Broker<?> broker, ServerNetworkConnection network, AmqpPort<?> port,
                                           Transport transport, long id, AggregateTicker ticker) {
        if (NodeControl.isStopped(broker)) {
            return null; // stop_app: Qpid answers with its protocol header and closes, and the client gives up
        }
        RabbitConnection connection = new RabbitConnection(broker, network, port, transport, getVersion(), id, ticker);
        connection.create();
        return connection;
    }

    @Override
    public byte[] getSuggestedAlternativeHeader() {
        return null;
    }

    @Override
    public String getType() {
        return "AMQP_0_9_1_BROKER_SANDBOX";
    }
}
