package dev.brokersandbox.junit.internal;

import java.util.function.Function;

import dev.brokersandbox.junit.SandboxExtension;

/**
 * What a {@code SandboxExtension.builder()...build()} instance was configured with, for a framework
 * that builds the test's brokers before JUnit runs the class (the Spring module reads a test
 * class's {@code @RegisterExtension} field when Spring asks it to customize the application
 * context). {@link SandboxExtension} hands its reader over when its class is initialised, so the
 * configuration stays out of its public API.
 */
public final class ProgrammaticConfigs {

    private static volatile Function<SandboxExtension, SandboxConfig> reader;

    private ProgrammaticConfigs() {
    }

    /** Called by {@link SandboxExtension}'s static initialiser; the first reader stays. */
    public static synchronized void install(Function<SandboxExtension, SandboxConfig> configOf) {
        if (reader == null) {
            reader = configOf;
        }
    }

    /** {@code extension}'s configuration; null for the instance {@code @BrokerSandbox} registers. */
    public static SandboxConfig of(SandboxExtension extension) {
        // An instance exists, so its class is initialised and the reader installed.
        return reader.apply(extension);
    }
}
