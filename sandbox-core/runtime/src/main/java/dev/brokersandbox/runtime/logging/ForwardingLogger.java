package dev.brokersandbox.runtime.logging;

import java.lang.System.Logger.Level;

import org.slf4j.Marker;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** One SLF4J logger of the runtime, writing to the user's logger of the same name. */
final class ForwardingLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private final transient System.Logger target;

    ForwardingLogger(String name, System.Logger target) {
        this.name = name;
        this.target = target;
    }

    @Override
    public boolean isTraceEnabled() {
        return target.isLoggable(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return target.isLoggable(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return target.isLoggable(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return target.isLoggable(Level.WARNING);
    }

    @Override
    public boolean isErrorEnabled() {
        return target.isLoggable(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(org.slf4j.event.Level level, Marker marker, String pattern,
                                               Object[] arguments, Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        if (!causedOnPurpose(message)) {
            target.log(jdkLevel(level), message, throwable);
        }
    }

    /**
     * A warning the sandbox causes on purpose, which would tell a user nothing: Qpid's headers
     * exchange warns about the selector argument the RabbitMQ adapter gives x-match=all-with-x and
     * any-with-x bindings (see the adapter's HeadersWithX), though it applies it.
     */
    private boolean causedOnPurpose(String message) {
        return name.equals("org.apache.qpid.server.exchange.HeadersBinding")
                && message.equals("Ignoring special header: x-filter-jms-selector");
    }

    private static Level jdkLevel(org.slf4j.event.Level level) {
        return switch (level) {
            case ERROR -> Level.ERROR;
            case WARN -> Level.WARNING;
            case INFO -> Level.INFO;
            case DEBUG -> Level.DEBUG;
            case TRACE -> Level.TRACE;
        };
    }
}
