package dev.brokersandbox.runtime.rabbit;

import org.apache.qpid.server.bytebuffer.QpidByteBuffer;
import org.apache.qpid.server.protocol.v0_8.AMQShortString;
import org.apache.qpid.server.protocol.v0_8.transport.AMQMethodBodyImpl;
import org.apache.qpid.server.protocol.v0_8.transport.MethodDispatcher;

/**
 * RabbitMQ's extension methods connection.blocked (10/60, with a reason) and connection.unblocked
 * (10/61), which Qpid has no class for.
 */
final class ConnectionBlocked extends AMQMethodBodyImpl {

    static final ConnectionBlocked UNBLOCKED = new ConnectionBlocked(61, null);

    private final int methodId;
    private final AMQShortString reason;

    private ConnectionBlocked(int methodId, AMQShortString reason) {
        this.methodId = methodId;
        this.reason = reason;
    }

    static ConnectionBlocked of(String reason) {
        return new ConnectionBlocked(60, AMQShortString.valueOf(reason));
    }

    @Override
    public int getClazz() {
        return 10;
    }

    @Override
    public int getMethod() {
        return methodId;
    }

    @Override
    protected int getBodySize() {
        return reason == null ? 0 : getSizeOf(reason);
    }

    @Override
    protected void writeMethodPayload(QpidByteBuffer buffer) {
        if (reason != null) {
            writeAMQShortString(buffer, reason);
        }
    }

    @Override
    public boolean execute(MethodDispatcher dispatcher, int channelId) {
        return false; // only ever sent, never received
    }
}
