package dev.brokersandbox.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brokersandbox.internal.BrokerLogLevels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Broker lines reach the user's backend at its levels, except below WARN while a framework re-initialises it. */
class Slf4jLoggersTest {

    // slf4j-simple, the test backend, logs INFO and above by default.
    private final System.Logger logger = new Slf4jLoggers().apply("dev.brokersandbox.test.forwarded");

    @AfterEach
    void release() {
        BrokerLogLevels.applyAgain();
    }

    @Test
    void linesBelowWarnAreHeldWhileTheBackendIsReconfigured() {
        BrokerLogLevels.holdBelowWarn();

        assertThat(logger.isLoggable(System.Logger.Level.INFO)).isFalse();
        assertThat(logger.isLoggable(System.Logger.Level.WARNING)).isTrue();
        assertThat(logger.isLoggable(System.Logger.Level.ERROR)).isTrue();
    }

    @Test
    void backendLevelsApplyAgainOnceReconfigured() {
        BrokerLogLevels.holdBelowWarn();
        BrokerLogLevels.applyAgain();

        assertThat(logger.isLoggable(System.Logger.Level.INFO)).isTrue();
        assertThat(logger.isLoggable(System.Logger.Level.DEBUG)).isFalse();
    }
}
