package dev.brokersandbox.internal.engine;

import java.util.List;

import dev.brokersandbox.Sandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The brokers run in a classloader of their own: none of their classes is on the test's classpath. */
class RuntimeIsolationTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "kafka.server.KafkaRaftServer",             // Kafka's server
            "scala.Option",                             // Scala
            "org.apache.qpid.server.SystemLauncher",    // Qpid Broker-J
            "tools.jackson.databind.ObjectMapper",      // Jackson 3 (Qpid)
            "com.fasterxml.jackson.databind.ObjectMapper", // Jackson 2 (Kafka)
            "dev.brokersandbox.runtime.BrokerRuntime"   // the RabbitMQ adapter's side
    })
    void aBrokerClassIsNotVisibleFromTheTestClasspath(String brokerClass) {
        assertThatThrownBy(() -> Class.forName(brokerClass)).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theBrokersThreadsLoadThroughTheRuntimesClassLoader() {
        try (Sandbox sandbox = Sandbox.builder().kafka().amqp().start()) {
            List<String> brokerThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getContextClassLoader() != null
                            && "broker-sandbox-runtime".equals(t.getContextClassLoader().getName()))
                    .map(Thread::getName)
                    .toList();

            // Kafka's request handlers and Qpid's configuration thread, among others
            assertThat(brokerThreads).anyMatch(name -> name.startsWith("data-plane-kafka-request-handler"))
                    .anyMatch(name -> name.startsWith("Broker-Config"));
            assertThat(sandbox.amqp().port()).isPositive();
        }
    }
}
