package com.example.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import dev.brokersandbox.junit.Topic;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * After Boot re-initialised Logback for the application context, the brokers' loggers are at
 * WARN again. (The build's verify.groovy checks the whole run's output for broker INFO lines.)
 */
@SpringBootTest
@BrokerSandbox(topics = @Topic(ExtensionApp.TOPIC), queues = @Queue(ExtensionApp.QUEUE))
class BrokerLogLevelsTest {

    @Test
    void brokerLoggersAreAtWarnAfterBootConfiguredLogging() {
        for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger", "org.apache.qpid", "qpid")) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            assertThat(logger.getEffectiveLevel()).as("level of logger %s", name).isEqualTo(Level.WARN);
        }
    }
}
