package dev.brokersandbox.internal.rabbit;

import static dev.brokersandbox.internal.rabbit.ReplyCode.ACCESS_REFUSED;
import static dev.brokersandbox.internal.rabbit.ReplyCode.NOT_FOUND;
import static dev.brokersandbox.internal.rabbit.ReplyCode.PRECONDITION_FAILED;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.qpid.server.model.Exchange;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.protocol.v0_8.AMQShortString;
import org.apache.qpid.server.protocol.v0_8.FieldTable;

/**
 * A channel's declarations of queues and exchanges (and their deletion and exchange-to-exchange
 * bindings), with RabbitMQ's names, arguments, equivalence checks and errors.
 */
final class ChannelDeclarations {

    private final RabbitChannel channel;

    ChannelDeclarations(RabbitChannel channel) {
        this.channel = channel;
    }

    /** RabbitMQ names server-named queues amq.gen-(22 url-safe base64 characters); Qpid tmp_(a uuid). */
    static String serverName() {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        UUID uuid = UUID.randomUUID();
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return "amq.gen-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    void queueDeclare(AMQShortString queue, boolean passive, boolean durable, boolean exclusive, boolean autoDelete,
                      boolean nowait, FieldTable arguments) {
        String name = queue == null ? "" : queue.toString();
        if (name.isEmpty()) {
            queue = AMQShortString.valueOf(serverName());
        } else if (!passive && name.startsWith("amq.")) {
            channel.close(ACCESS_REFUSED, "ACCESS_REFUSED - queue name '" + name + "' contains reserved prefix 'amq.*'");
            return;
        }
        Queue<?> existing = name.isEmpty() ? null : channel.queue(name);
        if (existing != null && channel.locked(existing)) {
            return;
        }
        Map<String, Object> rabbit = arguments == null ? new HashMap<>() : new HashMap<>(FieldTable.convertToMap(arguments));
        boolean stream = StreamQueues.declares(rabbit);
        String streamRefusal = stream && !passive
                ? StreamQueues.refusal(queue.toString(), durable, exclusive, autoDelete, rabbit) : null;
        if (streamRefusal != null) {
            channel.close(PRECONDITION_FAILED, streamRefusal);
            return;
        }
        Long expires;
        Map<String, Object> qpidArguments;
        try {
            expires = RabbitArguments.expires(queue.toString(), rabbit.remove("x-expires"));
            qpidArguments = stream ? StreamQueues.toQpid(rabbit) : RabbitArguments.toQpid(queue.toString(), rabbit);
        } catch (RabbitArguments.Invalid e) {
            channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - " + e.getMessage());
            return;
        }
        if (existing != null && !passive) {
            String difference = QueueEquivalence.difference(existing, durable, qpidArguments);
            if (difference != null) {
                channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - inequivalent arg '" + difference
                        + "' for queue '" + name + "'");
                return;
            }
        }
        if (qpidArguments.get(RabbitArguments.ALTERNATE_BINDING) instanceof Map<?, ?> binding) {
            RabbitNodes.ensure(channel.virtualHost(), String.valueOf(binding.get("destination")));
        }
        channel.qpid().receiveQueueDeclare(queue, passive, durable, exclusive, autoDelete, nowait,
                FieldTable.convertToFieldTable(qpidArguments));
        Queue<?> declared = channel.queue(queue.toString());
        if (declared != null) {
            watch(declared, existing == null ? expires : null, qpidArguments);
        }
    }

    /** What the sandbox keeps an eye on for a queue it declared: its length, its expiry. */
    private static void watch(Queue<?> declared, Long newExpires, Map<String, Object> qpidArguments) {
        if ("NONE".equals(String.valueOf(qpidArguments.get("overflowPolicy")))
                && (qpidArguments.containsKey("maximumQueueDepthMessages")
                || qpidArguments.containsKey("maximumQueueDepthBytes"))) {
            MaxLength.watch(declared);
        }
        if (newExpires != null) {
            QueueExpiry.start(declared, newExpires);
        } else {
            QueueExpiry.touch(declared);
        }
    }

    void exchangeDeclare(AMQShortString exchange, AMQShortString type, boolean passive, boolean durable,
                         boolean autoDelete, boolean internal, boolean nowait, FieldTable arguments) {
        String name = exchange == null ? "" : exchange.toString();
        if (!passive && name.startsWith("amq.")) {
            channel.close(ACCESS_REFUSED, "ACCESS_REFUSED - exchange name '" + name + "' contains reserved prefix 'amq.*'");
            return;
        }
        Exchange<?> existing = name.isEmpty() ? null : channel.virtualHost().getChildByName(Exchange.class, name);
        if (existing != null && !passive && type != null && !type.toString().equals(existing.getType())) {
            channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - inequivalent arg 'type' for exchange '" + name
                    + "': received '" + type + "' but current is '" + existing.getType() + "'");
            return;
        }
        if (arguments != null) {
            Map<String, Object> args = new HashMap<>(FieldTable.convertToMap(arguments));
            Object alternate = args.remove("alternate-exchange");
            if (alternate != null) {
                String destination = AlternateDestination.name(String.valueOf(alternate));
                RabbitNodes.ensure(channel.virtualHost(), destination);
                args.put(RabbitArguments.ALTERNATE_BINDING, Map.of("destination", destination));
            }
            arguments = FieldTable.convertToFieldTable(args);
        }
        channel.qpid().receiveExchangeDeclare(exchange, type, passive, durable, autoDelete, internal, nowait, arguments);
    }

    /** exchange.bind / exchange.unbind: Qpid's model binds exchanges to exchanges; its 0-9-1 layer has no method for it. */
    void exchangeBind(boolean bind, String destination, String source, String routingKey, boolean nowait,
                      Map<String, Object> arguments) {
        Exchange<?> from = channel.virtualHost().getChildByName(Exchange.class, source);
        if (from == null || channel.virtualHost().getChildByName(Exchange.class, destination) == null) {
            channel.close(NOT_FOUND, "NOT_FOUND - no exchange '" + (from == null ? source : destination) + "' in vhost '/'");
            return;
        }
        try {
            if (bind) {
                from.bind(destination, routingKey, arguments, false);
            } else {
                from.unbind(destination, routingKey);
            }
        } catch (RuntimeException e) {
            channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - " + e.getMessage());
            return;
        }
        if (!nowait) {
            channel.answer(bind ? EmptyMethodBody.EXCHANGE_BIND_OK : EmptyMethodBody.EXCHANGE_UNBIND_OK);
        }
    }

    void queueDelete(AMQShortString queue, boolean ifUnused, boolean ifEmpty, boolean nowait) {
        Queue<?> existing = channel.queue(queue == null ? "" : queue.toString());
        if (existing == null) {
            // RabbitMQ answers the deletion of a missing queue with delete-ok (0 messages).
            if (!nowait) {
                channel.answer(channel.methods().createQueueDeleteOkBody(0));
            }
            return;
        }
        if (!channel.locked(existing)) {
            channel.qpid().receiveQueueDelete(queue, ifUnused, ifEmpty, nowait);
        }
    }
}
