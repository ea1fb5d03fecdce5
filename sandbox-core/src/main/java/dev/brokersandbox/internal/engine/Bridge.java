package dev.brokersandbox.internal.engine;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * Calls an object of the runtime's classloader through an interface of this side. The two sides
 * share no class of ours, so the interface and the object only agree on method names and JDK
 * parameter types; each method is matched once, when the bridge is built, and a mismatch (a
 * sandbox-core and a sandbox-runtime of different versions) fails there, naming the method.
 *
 * <p>Every call runs with the runtime's classloader as the thread's context classloader: Kafka
 * and Qpid load classes named in their configuration, and find their plugins, through it, and
 * the threads they start inherit it. Results whose declared type is another interface of this
 * package (a started broker) are bridged in turn.
 */
final class Bridge implements InvocationHandler {

    private final Object target;
    private final ClassLoader runtimeLoader;
    private final Map<Method, Method> counterparts;

    private Bridge(Object target, ClassLoader runtimeLoader, Map<Method, Method> counterparts) {
        this.target = target;
        this.runtimeLoader = runtimeLoader;
        this.counterparts = counterparts;
    }

    /** {@code target}, seen as {@code type}. */
    static <T> T to(Class<T> type, Object target, ClassLoader runtimeLoader) {
        Map<Method, Method> counterparts = new HashMap<>();
        for (Method method : type.getMethods()) {
            if (method.isDefault() && !hasMethod(target.getClass(), method)) {
                continue; // what only this side's engines answer otherwise: the default answers for the runtime
            }
            try {
                counterparts.put(method, target.getClass().getMethod(method.getName(), method.getParameterTypes()));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("The broker runtime's " + target.getClass().getName() + " has no method "
                        + method.getName() + " as " + type.getName() + " expects: dev.brokersandbox:sandbox-core and "
                        + "dev.brokersandbox:sandbox-runtime on this classpath are of different versions. "
                        + "Use the same version of both (sandbox-core brings the matching runtime).", e);
            }
        }
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new Bridge(target, runtimeLoader, counterparts)));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Method counterpart = counterparts.get(method);
        if (counterpart == null && method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        if (counterpart == null) { // toString, equals, hashCode: the proxy's own
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "bridge to " + target;
            };
        }
        Thread thread = Thread.currentThread();
        ClassLoader callers = thread.getContextClassLoader();
        thread.setContextClassLoader(runtimeLoader);
        try {
            Object result = counterpart.invoke(target, args);
            Class<?> type = method.getReturnType();
            return result != null && isBridged(type) ? to(type, result, runtimeLoader) : result;
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            thread.setContextClassLoader(callers);
        }
    }

    private static boolean hasMethod(Class<?> type, Method method) {
        try {
            type.getMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static boolean isBridged(Class<?> type) {
        return type.isInterface() && type.getPackage() == Bridge.class.getPackage();
    }

    /** {@code engine}, which also runs {@code afterClose} once its own close has run. */
    static <T extends AutoCloseable> T afterClose(Class<T> type, T engine, Runnable afterClose) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                try {
                    engine.close();
                } finally {
                    afterClose.run();
                }
                return null;
            }
            try {
                return method.invoke(engine, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
