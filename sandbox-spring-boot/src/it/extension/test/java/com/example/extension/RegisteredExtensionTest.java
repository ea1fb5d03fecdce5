package com.example.extension;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;

import java.time.Duration;
import java.util.Objects;
import java.util.stream.Stream;

import com.rabbitmq.client.Channel;
import dev.brokersandbox.junit.SandboxExtension;
import dev.brokersandbox.junit.SandboxInfo;
import dev.brokersandbox.spring.ListenerAwait;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/** The programmatic form, a {@code @RegisterExtension static SandboxExtension}, wires the application context as the annotation does. */
@SpringBootTest(properties = "extension.group=registered-extension")
class RegisteredExtensionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.builder().topic(ExtensionApp.TOPIC, 1).queue(ExtensionApp.QUEUE).build();

    @Autowired
    ExtensionApp.Received received;

    @Test
    void listenersReceiveFromTheInjectedClientsInTheContextsVirtualHost(Producer<String, String> producer, Channel channel,
                                                                      SandboxInfo info, @Autowired Environment environment)
            throws Exception {
        assertThat(info.amqpVirtualHost()).isEqualTo(environment.getProperty("spring.rabbitmq.virtual-host"))
                .startsWith("sandbox-spring-RegisteredExtensionTest-");
        producer.send(new ProducerRecord<>(ExtensionApp.TOPIC, "k", "registered")).get();
        channel.basicPublish("", ExtensionApp.QUEUE, null, "registered".getBytes(UTF_8));

        ListenerAwait.until("both listeners to receive", TIMEOUT,
                () -> received.contains("kafka:registered") && received.contains("amqp:registered"));
    }

    @Test
    void instanceFieldIsRefusedNamingTheFieldAndTheFix() {
        String expected = "@RegisterExtension SandboxExtension sandbox on InstanceField is not static: make it static, so "
                + "the Spring application context, built before the test instance, can be wired to the sandbox";
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(InstanceField.class)).execute().allEvents()
                .assertThatEvents().haveAtLeastOne(finishedWithFailure(new Condition<>(failure -> Stream.iterate(failure,
                        Objects::nonNull, Throwable::getCause).anyMatch(t -> expected.equals(t.getMessage())), expected)));
    }

    @SpringBootTest
    static class InstanceField {

        @RegisterExtension
        SandboxExtension sandbox = SandboxExtension.builder().queue(ExtensionApp.QUEUE).build();

        @Test
        void neverRuns() {
        }
    }
}
