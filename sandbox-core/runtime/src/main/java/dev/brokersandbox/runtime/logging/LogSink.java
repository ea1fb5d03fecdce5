package dev.brokersandbox.runtime.logging;

import java.util.Objects;
import java.util.function.Function;

/**
 * Where the runtime's SLF4J loggers write: set once, before any broker class logs, by the
 * runtime's entry point. Until then (and in the runtime's own unit tests) lines go to the JDK's
 * {@link System#getLogger}.
 */
public final class LogSink {

    private static volatile Function<String, System.Logger> loggers = System::getLogger;

    private LogSink() {
    }

    public static void install(Function<String, System.Logger> sink) {
        loggers = Objects.requireNonNull(sink, "sink");
    }

    static System.Logger logger(String name) {
        return loggers.apply(name);
    }
}
