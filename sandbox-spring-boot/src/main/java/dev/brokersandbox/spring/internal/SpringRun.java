package dev.brokersandbox.spring.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.brokersandbox.ExternalBrokers;
import dev.brokersandbox.junit.internal.ExternalConfig;

/**
 * Where the brokers of an application context run: in this JVM, or, in external and reuse mode,
 * on brokers the sandbox did not start. Spring builds a context before JUnit's extension sees its
 * class, so the settings are read as JUnit reads configuration parameters, without a launcher's
 * own: system properties, then {@code junit-platform.properties}, then (in {@link ExternalConfig})
 * the environment.
 *
 * <p>A value: equal settings, equal run. It is part of the context's cache key, so a context built
 * on one set of brokers is never handed to a class that runs with other settings.
 *
 * @param settings every {@code brokersandbox.external.*} and {@code brokersandbox.reuse} setting, by source
 */
record SpringRun(Map<String, String> settings) {

    /** The brokers of each run, resolved once: attaching to a reuse launcher may start it. */
    private static final Map<SpringRun, Optional<ExternalConfig.RunBrokers>> RESOLVED = new ConcurrentHashMap<>();
    private static final String ENV_PREFIX = "BROKERSANDBOX_";

    static SpringRun current() {
        Map<String, String> settings = new TreeMap<>();
        collect("system:", System.getProperties(), settings);
        collect("file:", ExternalConfig.junitPlatformProperties(), settings);
        System.getenv().forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                settings.put("env:" + name, value);
            }
        });
        return new SpringRun(Map.copyOf(settings));
    }

    private static void collect(String source, Properties from, Map<String, String> into) {
        for (String key : from.stringPropertyNames()) {
            if (key.startsWith(ExternalConfig.PREFIX) || key.equals(ExternalConfig.REUSE)) {
                into.put(source + key, from.getProperty(key));
            }
        }
    }

    /** The external brokers, or null when the brokers run in this JVM. */
    ExternalBrokers external() {
        return brokers().map(ExternalConfig.RunBrokers::brokers).orElse(null);
    }

    /** Whether the external brokers are a reuse launcher's (which already said where it is). */
    boolean reused() {
        return brokers().map(ExternalConfig.RunBrokers::reused).orElse(false);
    }

    private Optional<ExternalConfig.RunBrokers> brokers() {
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        return RESOLVED.computeIfAbsent(this, run -> ExternalConfig.resolve(key -> value(run.settings, key)));
    }

    private static Optional<String> value(Map<String, String> settings, String key) {
        return Optional.ofNullable(settings.get("system:" + key)).or(() -> Optional.ofNullable(settings.get("file:" + key)));
    }
}
