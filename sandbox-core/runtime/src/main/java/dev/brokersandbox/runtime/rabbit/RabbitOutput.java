package dev.brokersandbox.runtime.rabbit;

import static dev.brokersandbox.runtime.rabbit.ReplyCode.NO_ROUTE;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.RESOURCE_ERROR;

import org.apache.qpid.server.message.InstanceProperties;
import org.apache.qpid.server.message.MessageContentSource;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.protocol.v0_8.AMQChannel;
import org.apache.qpid.server.protocol.v0_8.AMQMessage;
import org.apache.qpid.server.protocol.v0_8.AMQShortString;
import org.apache.qpid.server.protocol.v0_8.ProtocolOutputConverter;
import org.apache.qpid.server.protocol.v0_8.transport.AMQDataBlock;
import org.apache.qpid.server.protocol.v0_8.transport.ContentHeaderBody;
import org.apache.qpid.server.protocol.v0_8.transport.MessagePublishInfo;

/** Qpid's writer of deliveries, get-oks and returns, with RabbitMQ's numbers, texts and expirations. */
final class RabbitOutput implements ProtocolOutputConverter {

    private final RabbitConnection connection;
    private final ProtocolOutputConverter qpid;

    RabbitOutput(RabbitConnection connection, ProtocolOutputConverter qpid) {
        this.connection = connection;
        this.qpid = qpid;
    }

    /**
     * RabbitMQ's get-ok counts the messages still ready (Qpid's counts the one just taken and unacked ones
     * too), and from a quorum queue it carries x-delivery-count.
     */
    @Override
    public long writeGetOk(AMQMessage message, InstanceProperties properties, int channelId, long deliveryTag,
                           int queueSize) {
        return qpid.writeGetOk(Expiration.asPublished(connection.withDeliveryCount(channelId, message)), properties,
                channelId, deliveryTag, connection.readyMessages(channelId, queueSize));
    }

    /**
     * Qpid returns a publish it could not route (312), or one that full queues refused (506): RabbitMQ
     * gives the first back as {@code NO_ROUTE} if the client asked for mandatory, and takes the second
     * on as {@link RefusedPublish} does.
     */
    @Override
    public void writeReturn(MessagePublishInfo publishInfo, ContentHeaderBody header, MessageContentSource message,
                            int channelId, int replyCode, AMQShortString replyText) {
        AMQChannel channel = connection.getChannel(channelId);
        if (replyCode == RESOURCE_ERROR && message instanceof AMQMessage refused && channel != null
                && connection.getAddressSpace() instanceof VirtualHost<?> host) {
            RefusedPublish.handle(host, channel, refused, String.valueOf(replyText));
        }
        AMQShortString text = replyCode == NO_ROUTE ? AMQShortString.valueOf("NO_ROUTE") : replyText;
        ContentHeaderBody published = message instanceof AMQMessage amqp ? Expiration.asPublished(amqp).getContentHeaderBody()
                : header;
        connection.returning(channelId, replyCode, publishInfo,
                () -> qpid.writeReturn(publishInfo, published, message, channelId, replyCode, text));
    }

    @Override
    public long writeDeliver(AMQMessage message, InstanceProperties properties, int channelId, long deliveryTag,
                             AMQShortString consumerTag) {
        return qpid.writeDeliver(Expiration.asPublished(message), properties, channelId, deliveryTag, consumerTag);
    }

    @Override
    public void confirmConsumerAutoClose(int channelId, AMQShortString consumerTag) {
        qpid.confirmConsumerAutoClose(channelId, consumerTag);
    }

    @Override
    public void writeFrame(AMQDataBlock block) {
        qpid.writeFrame(block);
    }
}
