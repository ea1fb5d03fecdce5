package dev.brokersandbox.runtime.rabbit;

import static dev.brokersandbox.runtime.rabbit.ReplyCode.ACCESS_REFUSED;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.COMMAND_INVALID;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.NOT_FOUND;
import static dev.brokersandbox.runtime.rabbit.ReplyCode.PRECONDITION_FAILED;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.qpid.server.model.Exchange;
import org.apache.qpid.server.model.LifetimePolicy;
import org.apache.qpid.server.model.Queue;
import org.apache.qpid.server.protocol.v0_8.AMQShortString;
import org.apache.qpid.server.protocol.v0_8.FieldTable;

/**
 * A channel's declarations of queues and exchanges, their deletion and their bindings, with
 * RabbitMQ's names, arguments, equivalence checks and errors.
 */
final class ChannelDeclarations {

    /** The exchange types RabbitMQ has without plugins. */
    private static final Set<String> EXCHANGE_TYPES = Set.of("direct", "fanout", "topic", "headers");
    /** The x-match values of a headers binding RabbitMQ accepts. */
    private static final Set<String> X_MATCH = Set.of("all", "any", "all-with-x", "any-with-x");
    /** The exchange context variable that marks an exchange declared internal. */
    private static final String INTERNAL = "brokersandbox.internal";

    private final RabbitChannel channel;

    ChannelDeclarations(RabbitChannel channel) {
        this.channel = channel;
    }

    /** RabbitMQ names server-named queues amq.gen-(22 url-safe base64 characters); Qpid tmp_(a uuid). */
    static String serverName() {
        return ResourceNames.generated("amq.gen-");
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
        if (!passive && !channel.permits(Permissions.Access.CONFIGURE, "queue", queue)) {
            return;
        }
        Queue<?> existing = name.isEmpty() ? null : channel.queue(name);
        if (existing != null && channel.locked(existing)) {
            return;
        }
        Map<String, Object> rabbit = arguments == null ? new HashMap<>() : new HashMap<>(FieldTable.convertToMap(arguments));
        boolean stream = StreamQueues.declares(rabbit);
        String typeRefusal = passive ? null : typeRefusal(ResourceNames.queue(channel.virtualHost(), queue.toString()),
                durable, exclusive, autoDelete, rabbit);
        if (typeRefusal != null) {
            channel.close(PRECONDITION_FAILED, typeRefusal);
            return;
        }
        Map<String, Object> qpidArguments;
        try {
            qpidArguments = stream ? StreamQueues.toQpid(rabbit) : RabbitArguments.toQpid(queue.toString(), rabbit);
        } catch (RabbitArguments.Invalid e) {
            channel.close(PRECONDITION_FAILED, e.text(ResourceNames.queue(channel.virtualHost(), queue.toString())));
            return;
        }
        if (existing != null && !passive) {
            String difference = QueueEquivalence.difference(existing, durable, autoDelete, qpidArguments);
            if (difference != null) {
                channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - inequivalent arg '" + difference
                        + "' for queue '" + name + "'");
                return;
            }
        }
        if (exclusive) {
            // Qpid makes a durable exclusive queue exclusive to the client's container, not to the connection.
            qpidArguments.put("exclusive", "CONNECTION");
        }
        if (qpidArguments.get(RabbitArguments.ALTERNATE_BINDING) instanceof Map<?, ?> binding) {
            RabbitNodes.ensure(channel.virtualHost(), String.valueOf(binding.get("destination")));
        }
        channel.qpid().receiveQueueDeclare(queue, passive, durable, exclusive, autoDelete, nowait,
                FieldTable.convertToFieldTable(qpidArguments));
        Queue<?> declared = channel.queue(queue.toString());
        if (declared != null) {
            channel.declared(declared.getName());
            if (existing == null && exclusive) {
                channel.ownsExclusively(declared);
            }
            if (existing == null) {
                DeclaredArguments.remember(declared, rabbit);
                PolicyEffects.apply(declared);
                QueueExpiry.watchIfExpiring(declared);
            } else {
                QueueExpiry.touch(declared);
            }
            MaxLength.watchIfLimited(declared);
            ZeroTtl.watchIfZero(declared);
            PromptExpiry.watchIfTimed(declared);
        }
    }

    /** What RabbitMQ refuses in the declare of a stream or a quorum {@code queue} (406, this text), or null. */
    private static String typeRefusal(String queue, boolean durable, boolean exclusive, boolean autoDelete,
                                      Map<String, Object> rabbitArguments) {
        if (StreamQueues.declares(rabbitArguments)) {
            return StreamQueues.refusal(queue, durable, exclusive, autoDelete, rabbitArguments);
        }
        if (QuorumQueues.declares(rabbitArguments)) {
            return RabbitArguments.replicatedRefusal(queue, durable, exclusive, autoDelete);
        }
        return null;
    }

    void exchangeDeclare(AMQShortString exchange, AMQShortString type, boolean passive, boolean durable,
                         boolean autoDelete, boolean internal, boolean nowait, FieldTable arguments) {
        String name = exchange == null ? "" : exchange.toString();
        if (!passive && name.isEmpty()) {
            channel.close(ACCESS_REFUSED, "ACCESS_REFUSED - operation not permitted on the default exchange");
            return;
        }
        if (!passive && name.startsWith("amq.")) {
            channel.close(ACCESS_REFUSED, "ACCESS_REFUSED - exchange name '" + name + "' contains reserved prefix 'amq.*'");
            return;
        }
        if (!passive && !channel.permits(Permissions.Access.CONFIGURE, "exchange", exchange)) {
            return;
        }
        Exchange<?> existing = name.isEmpty() ? null : channel.virtualHost().getChildByName(Exchange.class, name);
        String difference = existing == null || passive ? null
                : exchangeDifference(existing, type == null ? null : type.toString(), durable, autoDelete, internal);
        if (difference != null) {
            channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - inequivalent arg " + difference);
            return;
        }
        if (existing == null && !passive && (type == null || type.length() == 0)) {
            channel.closeConnection(COMMAND_INVALID, "COMMAND_INVALID - invalid exchange type ''");
            return;
        }
        if (existing == null && !passive && !EXCHANGE_TYPES.contains(type.toString())) {
            channel.closeConnection(COMMAND_INVALID, "COMMAND_INVALID - unknown exchange type '" + type + "'");
            return;
        }
        Map<String, Object> args = arguments == null ? new HashMap<>() : new HashMap<>(FieldTable.convertToMap(arguments));
        Object alternate = args.remove("alternate-exchange");
        if (alternate != null) {
            String destination = AlternateDestination.name(String.valueOf(alternate));
            RabbitNodes.ensure(channel.virtualHost(), destination);
            args.put(RabbitArguments.ALTERNATE_BINDING, Map.of("destination", destination));
        }
        if (internal) {
            args.put("context", Map.of(INTERNAL, "true")); // Qpid has no internal exchanges
        }
        channel.qpid().receiveExchangeDeclare(exchange, type, passive, durable, autoDelete, internal, nowait,
                FieldTable.convertToFieldTable(args));
        Exchange<?> declared = existing != null || passive ? null
                : channel.virtualHost().getChildByName(Exchange.class, name);
        if (declared != null) {
            PolicyEffects.apply(declared);
        }
    }

    /** RabbitMQ's account of how a redeclare differs from {@code existing}, or null when it does not. */
    private static String exchangeDifference(Exchange<?> existing, String type, boolean durable, boolean autoDelete,
                                             boolean internal) {
        boolean existingAutoDelete = existing.getLifetimePolicy() != LifetimePolicy.PERMANENT;
        String[][] compared = {
            {"type", type == null ? existing.getType() : type, existing.getType()},
            {"durable", String.valueOf(durable), String.valueOf(existing.isDurable())},
            {"auto_delete", String.valueOf(autoDelete), String.valueOf(existingAutoDelete)},
            {"internal", String.valueOf(internal), String.valueOf(isInternal(existing))},
        };
        for (String[] property : compared) {
            if (!property[1].equals(property[2])) {
                return "'" + property[0] + "' for " + ResourceNames.exchange(existing.getAddressSpace(), existing.getName())
                        + ": received '" + property[1] + "' but current is '" + property[2] + "'";
            }
        }
        return null;
    }

    /** Whether clients may not publish to {@code exchange} (declared internal). */
    static boolean isInternal(Exchange<?> exchange) {
        return exchange != null && "true".equals(exchange.getContext().get(INTERNAL));
    }

    void exchangeDelete(AMQShortString exchange, boolean ifUnused, boolean nowait) {
        String name = exchange == null ? "" : exchange.toString();
        Exchange<?> existing = name.isEmpty() ? null : channel.virtualHost().getChildByName(Exchange.class, name);
        if (name.isEmpty()) {
            channel.close(ACCESS_REFUSED, "ACCESS_REFUSED - operation not permitted on the default exchange");
        } else if (name.startsWith("amq.")) {
            channel.close(ACCESS_REFUSED, "ACCESS_REFUSED - deletion of system "
                    + ResourceNames.exchange(channel.virtualHost(), name) + " not allowed");
        } else if (!channel.permits(Permissions.Access.CONFIGURE, "exchange", exchange)) {
            return;
        } else if (existing == null) {
            // RabbitMQ answers the deletion of a missing exchange with delete-ok, as it does for a queue.
            if (!nowait) {
                channel.answer(channel.methods().createExchangeDeleteOkBody());
            }
        } else if (ifUnused && existing.hasBindings()) {
            channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - "
                    + ResourceNames.exchange(channel.virtualHost(), name) + " in use");
        } else {
            channel.qpid().receiveExchangeDelete(exchange, ifUnused, nowait);
        }
    }

    /** exchange.bind / exchange.unbind: Qpid's model binds exchanges to exchanges; its 0-9-1 layer has no method for it. */
    void exchangeBind(boolean bind, String destination, String source, String routingKey, boolean nowait,
                      Map<String, Object> arguments) {
        if (!channel.permits(Permissions.Access.WRITE, "exchange", AMQShortString.valueOf(destination))
                || !channel.permits(Permissions.Access.READ, "exchange", AMQShortString.valueOf(source))) {
            return;
        }
        Exchange<?> from = channel.virtualHost().getChildByName(Exchange.class, source);
        boolean bothExist = from != null && channel.virtualHost().getChildByName(Exchange.class, destination) != null;
        if (!bind && (!bothExist || !hasBinding(from, destination, routingKey))) {
            // RabbitMQ removes a binding that is not there, or whose source or destination is not, without a word.
            if (!nowait) {
                channel.answer(EmptyMethodBody.EXCHANGE_UNBIND_OK);
            }
            return;
        }
        if (!bothExist) {
            channel.close(NOT_FOUND, "NOT_FOUND - no "
                    + ResourceNames.exchange(channel.virtualHost(), from == null ? source : destination));
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
        if (!channel.permits(Permissions.Access.CONFIGURE, "queue", queue)) {
            return;
        }
        Queue<?> existing = channel.queue(queue == null ? "" : queue.toString());
        if (existing == null) {
            // RabbitMQ answers the deletion of a missing queue with delete-ok (0 messages).
            if (!nowait) {
                channel.answer(channel.methods().createQueueDeleteOkBody(0));
            }
            return;
        }
        if (channel.locked(existing)) {
            return;
        }
        String where = ResourceNames.queue(existing);
        if (ifEmpty && existing.getAvailableMessages() > 0) {
            channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - " + where + " not empty");
        } else if (ifUnused && existing.getConsumerCount() > 0) {
            channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - " + where + " in use");
        } else {
            channel.publishedSoFar(); // the count in delete-ok includes what this channel published before
            channel.qpid().receiveQueueDelete(queue, ifUnused, ifEmpty, nowait);
        }
    }

    /** queue.bind, or with {@code bind} false queue.unbind: the default exchange binds every queue by its name, and no other way. */
    void queueBind(boolean bind, AMQShortString queue, AMQShortString exchange, AMQShortString bindingKey,
                   boolean nowait, FieldTable arguments) {
        if (exchange == null || exchange.length() == 0) {
            channel.close(ACCESS_REFUSED, "ACCESS_REFUSED - operation not permitted on the default exchange");
            return;
        }
        if (!channel.permits(Permissions.Access.WRITE, "queue", queue)
                || !channel.permits(Permissions.Access.READ, "exchange", exchange)) {
            return;
        }
        Queue<?> bound = queue == null ? null : channel.queue(queue.toString());
        if (bound != null && channel.locked(bound)) {
            return;
        }
        String invalid = bind ? invalidHeadersBinding(exchange.toString(), arguments) : null;
        if (invalid != null) {
            channel.close(PRECONDITION_FAILED, "PRECONDITION_FAILED - " + invalid);
            return;
        }
        arguments = HeadersWithX.forQpid(arguments);
        if (bind && channel.virtualHost().getChildByName(Exchange.class, exchange.toString()) == null) {
            channel.close(NOT_FOUND, "NOT_FOUND - no " + ResourceNames.exchange(channel.virtualHost(), exchange.toString()));
            return;
        }
        if (bind || queue == null || queue.length() == 0) {
            // Qpid resolves an empty queue name to the channel's last declared queue, as RabbitMQ does.
            if (bind) {
                channel.qpid().receiveQueueBind(queue, exchange, bindingKey, nowait, arguments);
            } else {
                channel.qpid().receiveQueueUnbind(queue, exchange, bindingKey, arguments);
            }
            return;
        }
        Exchange<?> source = channel.virtualHost().getChildByName(Exchange.class, exchange.toString());
        if (bound == null || source == null || !source.hasBinding(AMQShortString.toString(bindingKey), bound)) {
            // RabbitMQ answers the removal of a binding that is not there, or whose queue or exchange is not, with unbind-ok.
            channel.answer(channel.methods().createQueueUnbindOkBody());
            return;
        }
        channel.qpid().receiveQueueUnbind(queue, exchange, bindingKey, arguments);
    }

    /** Why RabbitMQ refuses a binding to the headers {@code exchange} with these arguments, or null. */
    private String invalidHeadersBinding(String exchange, FieldTable arguments) {
        Exchange<?> target = channel.virtualHost().getChildByName(Exchange.class, exchange);
        Object match = target == null || !"headers".equals(target.getType()) || arguments == null
                ? null : FieldTable.convertToMap(arguments).get("x-match");
        if (match == null || X_MATCH.contains(match)) {
            return null;
        }
        return match instanceof String value
                ? "Invalid x-match field value <<\"" + value + "\">>; expected all, any, all-with-x, or any-with-x"
                : "Invalid x-match field type " + RabbitArguments.amqpType(match) + " (value " + match
                        + "); expected longstr";
    }

    /** Whether {@code source} routes to the exchange {@code destination} with {@code bindingKey}. */
    private static boolean hasBinding(Exchange<?> source, String destination, String bindingKey) {
        return source.getBindings().stream()
                .anyMatch(b -> b.getDestination().equals(destination) && b.getBindingKey().equals(bindingKey));
    }
}
