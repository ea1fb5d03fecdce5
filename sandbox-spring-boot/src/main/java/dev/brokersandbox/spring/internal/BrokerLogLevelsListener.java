package dev.brokersandbox.spring.internal;

import dev.brokersandbox.internal.BrokerLogLevels;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * Keeps the brokers quiet through Boot's logging initialisation: Boot's
 * {@code LoggingApplicationListener} resets Logback (or Log4j 2) when an application starts
 * (Boot 4: every time the test framework starts another context), which drops the WARN levels the
 * sandbox gave the broker loggers, and the running brokers would print INFO and DEBUG lines until
 * the configuration is applied. So broker lines below WARN are held back from the application's
 * start until Boot has configured logging; then the levels are applied again (loggers that the
 * user's configuration or {@code logging.level.*} names keep theirs). Cached contexts that no
 * running class uses are stopped at that point too ({@link ContextPausing}): their consumers are
 * not the brokers', but log through the same backend. Registered in
 * {@code META-INF/spring.factories}.
 */
final class BrokerLogLevelsListener implements GenericApplicationListener {

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        Class<?> type = eventType.toClass();
        return ApplicationStartingEvent.class.isAssignableFrom(type)
                || ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
                || ApplicationFailedEvent.class.isAssignableFrom(type);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationStartingEvent) {
            BrokerLogLevels.holdBelowWarn();
            ContextPausing.stopUnused(SpringBrokers.contexts());
        } else {
            BrokerLogLevels.applyAgain();
        }
    }

    /** Directly after Boot's listener: on the environment event, that is when logging is configured. */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
