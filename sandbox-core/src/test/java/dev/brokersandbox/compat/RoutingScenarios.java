package dev.brokersandbox.compat;

import static dev.brokersandbox.compat.Amqp.drain;
import static dev.brokersandbox.compat.Amqp.publish;
import static dev.brokersandbox.compat.Amqp.publishConfirmed;
import static dev.brokersandbox.compat.Amqp.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

/** Routing per exchange type, as RabbitMQ's tutorials one to five use it. */
class RoutingScenarios {

    @Scenario
    void aMessageGoesToEveryQueueItsCcAndBccHeadersNameOnceAndKeepsOnlyCc(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String to = channel.queueDeclare().getQueue();
            String copied = channel.queueDeclare().getQueue();
            String blind = channel.queueDeclare().getQueue();
            Map<String, Object> headers = Map.of("CC", List.of(copied, to, "routes-nowhere"), "BCC", List.of(blind, to));

            Amqp.publish(channel, "", to, new AMQP.BasicProperties.Builder().headers(headers).build(), "memo");

            for (String queue : List.of(to, copied, blind)) {
                GetResponse got = Amqp.await(channel, queue, true);
                assertThat(text(got)).as(queue).isEqualTo("memo");
                assertThat(got.getProps().getHeaders()).as(queue).containsKey("CC").doesNotContainKey("BCC");
                assertThat(channel.basicGet(queue, true)).as("%s gets it once", queue).isNull();
            }
        }
    }

    @Scenario
    void aCcHeaderRoutesThroughTheExchangeItWasPublishedTo(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String exchange = broker.unique("topic");
            channel.exchangeDeclare(exchange, "topic", false, true, null);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, exchange, "news.*");

            Amqp.publish(channel, exchange, "sport", new AMQP.BasicProperties.Builder()
                    .headers(Map.of("CC", List.of("news.today"))).build(), "headline");

            assertThat(text(Amqp.await(channel, queue, true))).isEqualTo("headline");
        }
    }

    @Scenario
    void aCcHeaderThatIsNotAnArrayClosesTheChannelWith406(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();

            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.basicPublish("", queue,
                    new AMQP.BasicProperties.Builder().headers(Map.of("CC", 0)).build(), "memo".getBytes()));

            assertThat(closed.code()).isEqualTo(406);
            assertThat(closed.text()).isEqualTo("PRECONDITION_FAILED - invalid message: "
                    + "{unacceptable_type_in_header,\"CC\",signedint}");
        }
    }

    @Scenario
    void defaultExchangeRoutesToTheQueueNamedByTheRoutingKey(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare(broker.unique("hello"), false, false, true, null).getQueue();

            publishConfirmed(channel, "", queue, "Hello World!");

            assertThat(drain(channel, queue)).containsExactly("Hello World!");
        }
    }

    @Scenario
    void directExchangeRoutesOnlyOnAnExactKeyMatch(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String exchange = broker.unique("direct_logs");
            channel.exchangeDeclare(exchange, BuiltinExchangeType.DIRECT, false, true, null);
            String errors = channel.queueDeclare().getQueue();
            String infos = channel.queueDeclare().getQueue();
            channel.queueBind(errors, exchange, "error");
            channel.queueBind(infos, exchange, "info");

            publish(channel, exchange, "error", "disk full");
            publish(channel, exchange, "warning", "nobody listens");
            publishConfirmed(channel, exchange, "info", "all good");

            assertThat(drain(channel, errors)).containsExactly("disk full");
            assertThat(drain(channel, infos)).containsExactly("all good");
        }
    }

    @Scenario
    void directExchangeCopiesToEveryQueueBoundWithTheSameKey(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String exchange = broker.unique("direct");
            channel.exchangeDeclare(exchange, BuiltinExchangeType.DIRECT, false, true, null);
            String first = channel.queueDeclare().getQueue();
            String second = channel.queueDeclare().getQueue();
            channel.queueBind(first, exchange, "black");
            channel.queueBind(second, exchange, "black");

            publishConfirmed(channel, exchange, "black", "copied");

            assertThat(drain(channel, first)).containsExactly("copied");
            assertThat(drain(channel, second)).containsExactly("copied");
        }
    }

    @Scenario
    void oneQueueBoundWithTwoKeysGetsBoth(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String exchange = broker.unique("direct");
            channel.exchangeDeclare(exchange, BuiltinExchangeType.DIRECT, false, true, null);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, exchange, "error");
            channel.queueBind(queue, exchange, "warning");

            publish(channel, exchange, "error", "e");
            publish(channel, exchange, "info", "i");
            publishConfirmed(channel, exchange, "warning", "w");

            assertThat(drain(channel, queue)).containsExactly("e", "w");
        }
    }

    @Scenario
    void fanoutExchangeCopiesToEveryBoundQueueIgnoringTheKey(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String exchange = broker.unique("logs");
            channel.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, false, true, null);
            String first = channel.queueDeclare().getQueue();
            String second = channel.queueDeclare().getQueue();
            channel.queueBind(first, exchange, "");
            channel.queueBind(second, exchange, "whatever");

            publishConfirmed(channel, exchange, "any-key", "broadcast");

            assertThat(drain(channel, first)).containsExactly("broadcast");
            assertThat(drain(channel, second)).containsExactly("broadcast");
        }
    }

    @Scenario
    void topicStarMatchesExactlyOneWord(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String exchange = broker.unique("topic_logs");
            channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, false, true, null);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, exchange, "*.orange.*");

            publish(channel, exchange, "quick.orange.rabbit", "match");
            publish(channel, exchange, "orange", "too short");
            publishConfirmed(channel, exchange, "quick.orange.male.rabbit", "too long");

            assertThat(drain(channel, queue)).containsExactly("match");
        }
    }

    @Scenario
    void topicHashMatchesZeroOrMoreWords(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String exchange = broker.unique("topic_logs");
            channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, false, true, null);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, exchange, "lazy.#");

            publish(channel, exchange, "lazy", "zero words");
            publish(channel, exchange, "lazy.orange.male.rabbit", "three words");
            publishConfirmed(channel, exchange, "quick.lazy", "no match");

            assertThat(drain(channel, queue)).containsExactly("zero words", "three words");
        }
    }

    @Scenario
    void topicMessageMatchingTwoBindingsOfOneQueueArrivesOnce(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String exchange = broker.unique("topic_logs");
            channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, false, true, null);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, exchange, "*.*.rabbit");
            channel.queueBind(queue, exchange, "lazy.#");

            publishConfirmed(channel, exchange, "lazy.pink.rabbit", "once");

            assertThat(drain(channel, queue)).containsExactly("once");
        }
    }

    @Scenario
    void headersExchangeWithXMatchAllNeedsEveryHeader(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String exchange = broker.unique("headers");
            channel.exchangeDeclare(exchange, BuiltinExchangeType.HEADERS, false, true, null);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, exchange, "", Map.of("x-match", "all", "format", "pdf", "type", "report"));

            publish(channel, exchange, "", headers(Map.of("format", "pdf", "type", "report")), "both");
            publish(channel, exchange, "", headers(Map.of("format", "pdf")), "one");
            publishConfirmed(channel, exchange, "", "none");

            assertThat(drain(channel, queue)).containsExactly("both");
        }
    }

    @Scenario
    void headersExchangeWithXMatchAnyNeedsOneHeader(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String exchange = broker.unique("headers");
            channel.exchangeDeclare(exchange, BuiltinExchangeType.HEADERS, false, true, null);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, exchange, "", Map.of("x-match", "any", "format", "pdf", "type", "report"));

            publish(channel, exchange, "", headers(Map.of("format", "pdf")), "one");
            publish(channel, exchange, "", headers(Map.of("format", "zip")), "wrong value");
            publishConfirmed(channel, exchange, "", "none");

            assertThat(drain(channel, queue)).containsExactly("one");
        }
    }

    @Scenario
    void headersExchangeWithXMatchAllWithXOrAnyWithXMatchesTheXHeadersToo(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String exchange = broker.unique("headers");
            channel.exchangeDeclare(exchange, BuiltinExchangeType.HEADERS, false, true, null);
            String all = channel.queueDeclare().getQueue();
            channel.queueBind(all, exchange, "", Map.of("x-match", "all-with-x", "x-tenant", "acme", "x-level", 2));
            String any = channel.queueDeclare().getQueue();
            channel.queueBind(any, exchange, "", Map.of("x-match", "any-with-x", "x-tenant", "acme", "x-level", 2));

            publish(channel, exchange, "", headers(Map.of("x-tenant", "acme", "x-level", 2)), "both");
            publish(channel, exchange, "", headers(Map.of("x-tenant", "acme")), "one");
            publish(channel, exchange, "", headers(Map.of("x-tenant", "other")), "wrong value");
            publishConfirmed(channel, exchange, "", "none");

            assertThat(drain(channel, all)).containsExactly("both");
            assertThat(drain(channel, any)).containsExactly("both", "one");
        }
    }

    @Scenario
    void theStandardExchangesExistWithTheirTypes(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            for (String name : new String[] {"amq.direct", "amq.fanout", "amq.topic", "amq.headers", "amq.match"}) {
                channel.exchangeDeclarePassive(name);
            }
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, "amq.topic", "a.*");

            publishConfirmed(channel, "amq.topic", "a.b", "via amq.topic");

            assertThat(drain(channel, queue)).containsExactly("via amq.topic");
        }
    }

    @Scenario
    void anUnroutableMessageWithoutMandatoryIsDroppedAndStillConfirmed(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String exchange = broker.unique("direct");
            channel.exchangeDeclare(exchange, BuiltinExchangeType.DIRECT, false, true, null);
            channel.confirmSelect();

            publish(channel, exchange, "nobody", "dropped");

            assertThat(channel.waitForConfirms(Amqp.WAIT.toMillis())).as("acked, not nacked").isTrue();
        }
    }

    private static AMQP.BasicProperties headers(Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder().headers(headers).build();
    }
}
