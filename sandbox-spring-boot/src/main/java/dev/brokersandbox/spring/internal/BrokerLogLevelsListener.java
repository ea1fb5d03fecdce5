package dev.brokersandbox.spring.internal;

import dev.brokersandbox.internal.BrokerLogLevels;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * Puts the brokers' loggers back to WARN right after Boot configured the logging backend: Boot's
 * {@code LoggingApplicationListener} resets Logback (or Log4j 2) when an application starts,
 * which drops the levels the sandbox set when its brokers started. Loggers that the user's
 * configuration or {@code logging.level.*} names keep their levels. Runs directly after Boot's
 * listener, before the application context is built and before its listeners connect. Registered
 * in {@code META-INF/spring.factories}; does nothing in a JVM whose brokers have not started.
 */
final class BrokerLogLevelsListener implements GenericApplicationListener {

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType.toClass());
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        BrokerLogLevels.applyAgain();
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
