package dev.brokersandbox.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Keeps the brokers quiet: their loggers are set to WARN in whichever SLF4J backend the user
 * has (Logback, Log4j 2, slf4j-simple or java.util.logging), unless the user configured those
 * loggers already or set {@value #VERBOSE_PROPERTY}{@code =true}. At INFO one start and stop of
 * both brokers logs about 1,750 lines; at WARN, a handful. No backend is required: with none,
 * SLF4J logs nothing anyway.
 */
public final class BrokerLogLevels {

    /** Set to {@code true} to see every broker log line at the backend's own levels. */
    public static final String VERBOSE_PROPERTY = "brokersandbox.verbose";

    /** The logger names both brokers log under (Kafka's clients too: they log their config at INFO). */
    static final List<String> BROKER_LOGGERS = List.of(
            "kafka", "org.apache.kafka", "state.change.logger", "org.apache.qpid", "qpid");

    // java.util.logging holds loggers weakly: keep the configured ones alive.
    private static final List<java.util.logging.Logger> JUL_LOGGERS = new ArrayList<>();
    private static boolean applied;
    /** Set while a framework re-initialises the backend: broker lines below WARN are dropped meanwhile. */
    private static volatile boolean reconfiguring;

    private BrokerLogLevels() {
    }

    public static synchronized void apply() {
        if (applied) {
            return;
        }
        applied = true;
        lower();
    }

    /**
     * Applies the levels again if a broker of this JVM applied them already: for frameworks that
     * reset the backend after the brokers started (Spring Boot re-initialises Logback when an
     * application context starts, which drops every level set in code). Loggers the new
     * configuration names keep their levels. Nothing happens in a JVM without brokers.
     */
    public static synchronized void applyAgain() {
        if (applied) {
            lower();
        }
        reconfiguring = false;
    }

    /**
     * Drops the brokers' lines below WARN until {@link #applyAgain()}: a framework calls this
     * before it resets the logging backend, whose levels are gone from the reset until it applies
     * its configuration (Spring Boot: from application start to the environment being ready), so
     * a broker's INFO or DEBUG line in between would be printed (or, with no appender configured
     * yet, make Logback complain that it has none). Lines at WARN and above still pass.
     */
    public static void holdBelowWarn() {
        if (!Boolean.getBoolean(VERBOSE_PROPERTY)) {
            reconfiguring = true;
        }
    }

    /** Whether {@link #holdBelowWarn()} is in force; asked for every broker line, so only a volatile read. */
    public static boolean belowWarnHeld() {
        return reconfiguring;
    }

    private static void lower() {
        if (Boolean.getBoolean(VERBOSE_PROPERTY)) {
            return;
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        String backend = factory.getClass().getName();
        try {
            switch (backend) {
                case "ch.qos.logback.classic.LoggerContext" -> logback(factory);
                case "org.apache.logging.slf4j.Log4jLoggerFactory" -> log4j(factory);
                // SLF4J 2 bindings, then the same backends' SLF4J 1.7 bindings
                case "org.slf4j.simple.SimpleLoggerFactory", "org.slf4j.impl.SimpleLoggerFactory" -> simple();
                case "org.slf4j.jul.JDK14LoggerFactory", "org.slf4j.impl.JDK14LoggerFactory" -> jul();
                default -> { }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LoggerFactory.getLogger(BrokerLogLevels.class)
                    .debug("Could not lower broker log levels in {}", backend, e);
        }
    }

    private static void logback(ILoggerFactory factory) throws ReflectiveOperationException {
        ClassLoader loader = factory.getClass().getClassLoader();
        Class<?> levelType = Class.forName("ch.qos.logback.classic.Level", true, loader);
        Object warn = levelType.getField("WARN").get(null);
        for (String name : BROKER_LOGGERS) {
            Object logger = factory.getLogger(name);
            if (logger.getClass().getMethod("getLevel").invoke(logger) == null) {
                logger.getClass().getMethod("setLevel", levelType).invoke(logger, warn);
            }
        }
    }

    private static void log4j(ILoggerFactory factory) throws ReflectiveOperationException {
        ClassLoader loader = factory.getClass().getClassLoader();
        Class<?> manager = Class.forName("org.apache.logging.log4j.LogManager", true, loader);
        Object context = manager.getMethod("getContext", boolean.class).invoke(null, false);
        Object configuration = context.getClass().getMethod("getConfiguration").invoke(context);
        Object configured = configuration.getClass().getMethod("getLoggers").invoke(configuration);
        Class<?> levelType = Class.forName("org.apache.logging.log4j.Level", true, loader);
        Object warn = levelType.getField("WARN").get(null);
        Class<?> configurator = Class.forName("org.apache.logging.log4j.core.config.Configurator", true, loader);
        Method setLevel = configurator.getMethod("setLevel", String.class, levelType);
        for (String name : BROKER_LOGGERS) {
            if (!((java.util.Map<?, ?>) configured).containsKey(name)) {
                setLevel.invoke(null, name, warn);
            }
        }
    }

    /** slf4j-simple reads a logger's level from a system property when the logger is first created. */
    private static void simple() {
        for (String name : BROKER_LOGGERS) {
            String key = "org.slf4j.simpleLogger.log." + name;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
    }

    private static void jul() {
        for (String name : BROKER_LOGGERS) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
                JUL_LOGGERS.add(logger);
            }
        }
    }
}
