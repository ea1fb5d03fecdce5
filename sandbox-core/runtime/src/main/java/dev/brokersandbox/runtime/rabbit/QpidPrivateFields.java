package dev.brokersandbox.runtime.rabbit;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Set;

import org.apache.qpid.server.consumer.AbstractConsumerTarget;
import org.apache.qpid.server.exchange.AbstractExchange;
import org.apache.qpid.server.filter.FilterManager;
import org.apache.qpid.server.message.MessageInstanceConsumer;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.BrokerImpl;
import org.apache.qpid.server.model.ConfiguredObject;
import org.apache.qpid.server.protocol.v0_8.AMQChannel;
import org.apache.qpid.server.protocol.v0_8.AMQPConnection_0_8Impl;
import org.apache.qpid.server.protocol.v0_8.BrokerDecoder;
import org.apache.qpid.server.protocol.v0_8.ConsumerTarget_0_8;
import org.apache.qpid.server.protocol.v0_8.FlowCreditManager_0_8;
import org.apache.qpid.server.protocol.v0_8.IncomingMessage;
import org.apache.qpid.server.protocol.v0_8.UnacknowledgedMessageMap;
import org.apache.qpid.server.queue.AbstractQueue;
import org.apache.qpid.server.session.AbstractAMQPSession;

/**
 * The private fields of Qpid Broker-J 10 that the adapter reads or replaces, where Qpid offers no
 * extension point: all of them here, so that a Qpid upgrade that renames one fails in one place,
 * at start-up, with a message naming the field.
 */
public final class QpidPrivateFields {

    private static final Field DECODER = field(AMQPConnection_0_8Impl.class, "_decoder");
    private static final Field UNACKNOWLEDGED = field(AMQChannel.class, "_unacknowledgedMessageMap");
    private static final Field CURRENT_MESSAGE = field(AMQChannel.class, "_currentMessage");
    private static final Method SYNC = method(AMQChannel.class, "sync");
    private static final Field CREDIT_MANAGER = field(ConsumerTarget_0_8.class, "_creditManager");
    private static final Field FILTERS = field(qpidClass("org.apache.qpid.server.queue.QueueConsumerImpl"), "_filters");
    private static final Field CHANNEL_CREDIT = field(AMQChannel.class, "_creditManager");
    private static final Class<?> CHANNEL_CREDIT_CLASS = qpidClass("org.apache.qpid.server.protocol.v0_8.Pre0_10CreditManager");
    private static final Field MESSAGE_CREDIT_LIMIT = field(CHANNEL_CREDIT_CLASS, "_messageCreditLimit");
    private static final Field BYTES_CREDIT_LIMIT = field(CHANNEL_CREDIT_CLASS, "_bytesCreditLimit");
    private static final Field PENDING_WORK = field(AbstractAMQPSession.class, "_consumersWithPendingWork");
    private static final Field QUEUE_ALTERNATE = field(AbstractQueue.class, "_alternateBindingDestination");
    private static final Field EXCHANGE_ALTERNATE = field(AbstractExchange.class, "_alternateBindingDestination");
    private static final Field SHUTDOWN_HOOK = field(BrokerImpl.class, "_shutdownHook");

    private QpidPrivateFields() {
    }

    /**
     * Removes the JVM shutdown hook Qpid's broker adds when it opens ({@code BrokerImpl.onOpen}),
     * which stops the broker at JVM exit alongside every other hook: whoever closes the sandbox
     * in a hook of its own (the Spring module closes its cached application contexts first, the
     * standalone launcher its sandbox) found the broker stopping under it, and its clients logged
     * the broker's connection.close 320. The sandbox owns the broker's life; its journal is forced
     * to disk on every write, so nothing needs the hook.
     */
    public static void removeShutdownHook(Broker<?> broker) {
        if (!(broker instanceof BrokerImpl)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook((Thread) SHUTDOWN_HOOK.get(broker));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Qpid's BrokerImpl._shutdownHook", e);
        } catch (IllegalStateException jvmExiting) {
            // The JVM is already shutting down: the hook runs anyway.
        }
    }

    /**
     * Drops the destination a queue or an exchange resolved from its alternate binding, once the
     * binding is set to null: Qpid releases it then but keeps routing to it.
     */
    static void forgetAlternateDestination(ConfiguredObject<?> queueOrExchange) {
        set(queueOrExchange instanceof AbstractQueue ? QUEUE_ALTERNATE : EXCHANGE_ALTERNATE, queueOrExchange, null);
    }

    /** A connection's frame decoder, which Qpid builds privately. */
    static void setDecoder(AMQPConnection_0_8Impl connection, BrokerDecoder decoder) {
        set(DECODER, connection, decoder);
    }

    /** A channel's deliveries waiting to be acknowledged, by delivery tag. */
    static UnacknowledgedMessageMap unacknowledged(AMQChannel channel) {
        return (UnacknowledgedMessageMap) get(UNACKNOWLEDGED, channel);
    }

    /** The message a channel is receiving (from basic.publish to its last body frame), or null. */
    static IncomingMessage currentMessage(AMQChannel channel) {
        return (IncomingMessage) get(CURRENT_MESSAGE, channel);
    }

    /**
     * Waits until what a channel published so far is enqueued: Qpid completes the enqueue to a durable
     * queue after its store has the message, while the channel goes on with its next method.
     */
    static void sync(AMQChannel channel) {
        try {
            SYNC.invoke(channel);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Could not call Qpid's AMQChannel.sync()", e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /** A channel's own credit manager: its prefetch, RabbitMQ's global one. */
    static FlowCreditManager_0_8 channelCredit(AMQChannel channel) {
        return (FlowCreditManager_0_8) get(CHANNEL_CREDIT, channel);
    }

    /** Whether a channel's credit manager has no limit: basic.qos 0 (or none). */
    static boolean unlimited(Object credit) {
        return CHANNEL_CREDIT_CLASS.isInstance(credit)
                && (long) get(MESSAGE_CREDIT_LIMIT, credit) == 0L && (long) get(BYTES_CREDIT_LIMIT, credit) == 0L;
    }

    /** The consumers of a channel that want to send, in the order its connection's thread serves them. */
    @SuppressWarnings("unchecked")
    static Set<AbstractConsumerTarget<?>> pendingWork(AMQChannel channel) {
        return (Set<AbstractConsumerTarget<?>>) get(PENDING_WORK, channel);
    }

    /** A consumer's credit manager, which Qpid gives it from its channel when it creates it. */
    static void setCreditManager(ConsumerTarget_0_8 target, FlowCreditManager_0_8 credit) {
        set(CREDIT_MANAGER, target, credit);
    }

    /** A queue consumer's message filters, made for it if it was created without any. */
    static FilterManager filters(MessageInstanceConsumer<?> consumer) {
        FilterManager filters = (FilterManager) get(FILTERS, consumer);
        if (filters == null) {
            filters = new FilterManager();
            set(FILTERS, consumer, filters);
        }
        return filters;
    }

    /** A class of Qpid's that is not public. */
    private static Class<?> qpidClass(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Qpid has no class " + name + " any more "
                    + "(did its internals change in this Qpid version?)", e);
        }
    }

    private static Field field(Class<?> owner, String name) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Qpid's " + owner.getSimpleName() + " has no field " + name
                    + " any more (did its internals change in this Qpid version?)", e);
        }
    }

    private static Method method(Class<?> owner, String name) {
        try {
            Method method = owner.getDeclaredMethod(name);
            method.setAccessible(true);
            return method;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("Qpid's " + owner.getSimpleName() + " has no method " + name
                    + "() any more (did its internals change in this Qpid version?)", e);
        }
    }

    private static Object get(Field field, Object owner) {
        try {
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Could not read Qpid's " + field.getName(), e);
        }
    }

    private static void set(Field field, Object owner, Object value) {
        try {
            field.set(owner, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Could not set Qpid's " + field.getName(), e);
        }
    }
}
