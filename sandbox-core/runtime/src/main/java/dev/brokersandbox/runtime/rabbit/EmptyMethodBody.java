package dev.brokersandbox.runtime.rabbit;

import org.apache.qpid.server.bytebuffer.QpidByteBuffer;
import org.apache.qpid.server.protocol.v0_8.transport.AMQMethodBodyImpl;
import org.apache.qpid.server.protocol.v0_8.transport.MethodDispatcher;

/** A method without fields that Qpid has no class for: exchange.bind-ok (40/31) and exchange.unbind-ok (40/51). */
final class EmptyMethodBody extends AMQMethodBodyImpl {

    static final EmptyMethodBody EXCHANGE_BIND_OK = new EmptyMethodBody(40, 31);
    static final EmptyMethodBody EXCHANGE_UNBIND_OK = new EmptyMethodBody(40, 51);

    private final int classId;
    private final int methodId;

    private EmptyMethodBody(int classId, int methodId) {
        this.classId = classId;
        this.methodId = methodId;
    }

    @Override
    public int getClazz() {
        return classId;
    }

    @Override
    public int getMethod() {
        return methodId;
    }

    @Override
    protected int getBodySize() {
        return 0;
    }

    @Override
    protected void writeMethodPayload(QpidByteBuffer buffer) {
    }

    @Override
    public boolean execute(MethodDispatcher dispatcher, int channelId) {
        return false; // only ever sent, never received
    }
}
