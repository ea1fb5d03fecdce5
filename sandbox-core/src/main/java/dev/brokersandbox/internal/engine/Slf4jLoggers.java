package dev.brokersandbox.internal.engine;

import java.text.MessageFormat;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.brokersandbox.internal.BrokerLogLevels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's SLF4J loggers, handed to the runtime as JDK {@link System.Logger}s: the runtime has
 * an SLF4J of its own, and the only type both sides know is the JDK's. Uses only what SLF4J 1.7
 * already had, so any SLF4J the user has works; levels are decided by the user's backend (and,
 * while a framework re-initialises that backend, by {@link BrokerLogLevels#holdBelowWarn()}).
 */
final class Slf4jLoggers implements Function<String, System.Logger> {

    private final Map<String, System.Logger> loggers = new ConcurrentHashMap<>();

    @Override
    public System.Logger apply(String name) {
        return loggers.computeIfAbsent(name, n -> new Forwarding(LoggerFactory.getLogger(n)));
    }

    private record Forwarding(Logger logger) implements System.Logger {

        @Override
        public String getName() {
            return logger.getName();
        }

        @Override
        public boolean isLoggable(Level level) {
            if (level.getSeverity() < Level.WARNING.getSeverity() && BrokerLogLevels.belowWarnHeld()) {
                return false;
            }
            return switch (level) {
                case ALL, TRACE -> logger.isTraceEnabled();
                case DEBUG -> logger.isDebugEnabled();
                case INFO -> logger.isInfoEnabled();
                case WARNING -> logger.isWarnEnabled();
                case ERROR -> logger.isErrorEnabled();
                case OFF -> false;
            };
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            if (level.getSeverity() < Level.WARNING.getSeverity() && BrokerLogLevels.belowWarnHeld()) {
                return;
            }
            switch (level) {
                case ALL, TRACE -> logger.trace(message, thrown);
                case DEBUG -> logger.debug(message, thrown);
                case INFO -> logger.info(message, thrown);
                case WARNING -> logger.warn(message, thrown);
                case ERROR -> logger.error(message, thrown);
                case OFF -> { }
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                String message = params == null || params.length == 0 ? format : MessageFormat.format(format, params);
                log(level, bundle, message, (Throwable) null);
            }
        }
    }
}
