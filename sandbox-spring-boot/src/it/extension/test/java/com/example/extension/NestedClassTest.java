package com.example.extension;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Queue;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.junit.Topic;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/** A {@code @Nested} class inherits the outer class's sandbox and application context. */
@SpringBootTest
@BrokerSandbox(topics = @Topic(ExtensionApp.TOPIC), queues = @Queue(ExtensionApp.QUEUE))
class NestedClassTest {

    @Autowired
    ApplicationContext outerContext;

    @Nested
    class Inner {

        @Autowired
        ApplicationContext innerContext;

        @Test
        void nestedClassUsesTheOuterContextAndItsVirtualHost(SandboxInfo info, @Autowired Environment environment) {
            assertThat(innerContext).isSameAs(outerContext);
            assertThat(info.amqpVirtualHost()).isEqualTo(environment.getProperty("spring.rabbitmq.virtual-host"));
        }
    }
}
