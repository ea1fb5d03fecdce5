package dev.brokersandbox.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/** Errors and their codes: RabbitMQ closes the channel (not the connection) for each of these. */
class ErrorScenarios {

    @Scenario
    void passiveDeclareOfAMissingQueueClosesTheChannelWith404(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.queueDeclarePassive(broker.unique("missing")));

            assertThat(closed.code()).isEqualTo(404);
            assertThat(closed.connection()).isFalse();
        }
    }

    @Scenario
    void passiveDeclareOfAMissingExchangeClosesTheChannelWith404(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Amqp.Closed closed = Amqp.closedBy(channel,
                    () -> channel.exchangeDeclarePassive(broker.unique("missing")));

            assertThat(closed.code()).isEqualTo(404);
            assertThat(closed.connection()).isFalse();
        }
    }

    @Scenario
    void publishingToAMissingExchangeClosesTheChannelWith404(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Amqp.Closed closed = Amqp.closedBy(channel,
                    () -> Amqp.publish(channel, broker.unique("missing"), "key", "lost"));

            assertThat(closed.code()).isEqualTo(404);
            assertThat(closed.connection()).isFalse();
            assertThat(connection.isOpen()).isTrue();
        }
    }

    @Scenario
    void consumingFromAMissingQueueClosesTheChannelWith404(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Amqp.Closed closed = Amqp.closedBy(channel,
                    () -> channel.basicConsume(broker.unique("missing"), true, (tag, d) -> { }, tag -> { }));

            assertThat(closed.code()).isEqualTo(404);
            assertThat(closed.connection()).isFalse();
        }
    }

    @Scenario
    void bindingAMissingQueueClosesTheChannelWith404(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Amqp.Closed closed = Amqp.closedBy(channel,
                    () -> channel.queueBind(broker.unique("missing"), "amq.direct", "key"));

            assertThat(closed.code()).isEqualTo(404);
            assertThat(closed.connection()).isFalse();
        }
    }

    @Scenario
    void deletingAMissingQueueIsAnswered(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            AMQP.Queue.DeleteOk ok = channel.queueDelete(broker.unique("missing"));

            assertThat(ok.getMessageCount()).isZero();
            assertThat(channel.isOpen()).isTrue();
        }
    }

    @Scenario
    void redeclaringAQueueWithOtherDurabilityClosesTheChannelWith406(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = broker.unique("q");
            channel.queueDeclare(queue, false, false, true, null);

            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.queueDeclare(queue, true, false, true, null));

            assertThat(closed.code()).isEqualTo(406);
            assertThat(closed.connection()).isFalse();
        }
    }

    @Scenario
    void redeclaringAQueueWithAnotherAutoDeleteClosesTheChannelWith406(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = broker.unique("q");
            channel.queueDeclare(queue, false, false, false, null);
            try {
                Channel again = connection.createChannel();

                Amqp.Closed closed = Amqp.closedBy(again, () -> again.queueDeclare(queue, false, false, true, null));

                assertThat(closed.code()).isEqualTo(406);
                assertThat(closed.connection()).isFalse();
                assertThat(closed.text()).startsWith("PRECONDITION_FAILED - inequivalent arg 'auto_delete' for queue '"
                        + queue + "'");
            } finally {
                channel.queueDelete(queue);
            }
        }
    }

    @Scenario
    void redeclaringAnExchangeWithAnotherTypeClosesTheChannelWith406(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String exchange = broker.unique("x");
            channel.exchangeDeclare(exchange, BuiltinExchangeType.DIRECT, false, true, null);

            Amqp.Closed closed = Amqp.closedBy(channel,
                    () -> channel.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, false, true, null));

            assertThat(closed.code()).isEqualTo(406);
            assertThat(closed.connection()).isFalse();
            channel.getConnection().createChannel().exchangeDelete(exchange);
        }
    }

    @Scenario
    void redeclaringAQueueWithDifferentArgumentsClosesTheChannelWith406(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = broker.unique("q");
            channel.queueDeclare(queue, false, false, true, Map.of("x-max-length", 10));

            Amqp.Closed closed = Amqp.closedBy(channel,
                    () -> channel.queueDeclare(queue, false, false, true, Map.of("x-max-length", 20)));

            assertThat(closed.code()).isEqualTo(406);
            assertThat(closed.connection()).isFalse();
        }
    }

    @Scenario
    void redeclaringAQueueWithAnotherOverflowClosesTheChannelWith406NamingXOverflow(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = broker.unique("q");
            channel.queueDeclare(queue, false, false, true, Map.of("x-max-length", 10, "x-overflow", "reject-publish"));
            channel.queueDeclare(queue, false, false, true, Map.of("x-max-length", 10, "x-overflow", "reject-publish"));

            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.queueDeclare(queue, false, false, true,
                    Map.of("x-max-length", 10, "x-overflow", "reject-publish-dlx")));

            assertThat(closed.code()).isEqualTo(406);
            assertThat(closed.text()).contains("inequivalent arg 'x-overflow'");
        }
    }

    @Scenario
    void aQueueArgumentWithAValueRabbitMQDoesNotKnowClosesTheChannelWith406(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            for (Map<String, Object> arguments : List.<Map<String, Object>>of(
                    Map.of("x-overflow", "sideways"), Map.of("x-max-length", "ten"), Map.of("x-expires", 0),
                    Map.of("x-queue-type", "lake"))) {
                Channel channel = connection.createChannel();

                Amqp.Closed closed = Amqp.closedBy(channel,
                        () -> channel.queueDeclare(broker.unique("q"), false, false, true, arguments));

                assertThat(closed.code()).as("%s", arguments).isEqualTo(406);
                assertThat(closed.connection()).isFalse();
                assertThat(closed.text()).as("%s", arguments)
                        .startsWith("PRECONDITION_FAILED - invalid arg '" + arguments.keySet().iterator().next() + "'");
            }
        }
    }

    @Scenario
    void aQueueArgumentOfTheWrongTypeOrOutOfRangeIsRefusedWithRabbitMqsText(Broker broker) throws Exception {
        Map<Map<String, Object>, String> refusals = new LinkedHashMap<>();
        refusals.put(Map.of("x-message-ttl", -1), "{value_negative,-1}");
        refusals.put(Map.of("x-max-length", -5), "{value_negative,-5}");
        refusals.put(Map.of("x-max-length-bytes", -1L), "{value_negative,-1}");
        refusals.put(Map.of("x-expires", -10), "{value_negative,-10}");
        refusals.put(Map.of("x-max-priority", 256), "{max_value_exceeded,256}");
        refusals.put(Map.of("x-message-ttl", "1000"), "\"expected integer, got longstr\"");
        refusals.put(Map.of("x-message-ttl", 10.0), "\"expected integer, got double\"");

        try (Connection connection = broker.connect()) {
            for (Map.Entry<Map<String, Object>, String> refusal : refusals.entrySet()) {
                Channel channel = connection.createChannel();
                String queue = broker.unique("q");
                String argument = refusal.getKey().keySet().iterator().next();

                Amqp.Closed closed = Amqp.closedBy(channel,
                        () -> channel.queueDeclare(queue, false, false, true, refusal.getKey()));

                assertThat(closed.code()).as("%s", refusal.getKey()).isEqualTo(406);
                assertThat(closed.text()).isEqualTo("PRECONDITION_FAILED - invalid arg '" + argument + "' for queue '"
                        + queue + "' in vhost '/': " + refusal.getValue());
            }
        }
    }

    @Scenario
    void aDeadLetterExchangeOrRoutingKeyThatIsNotAStringIsRefusedWithRabbitMqsText(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            String queue = broker.unique("q");
            Channel channel = connection.createChannel();
            Amqp.Closed exchange = Amqp.closedBy(channel,
                    () -> channel.queueDeclare(queue, false, false, true, Map.of("x-dead-letter-exchange", 133)));
            Channel another = connection.createChannel();
            Amqp.Closed routingKey = Amqp.closedBy(another, () -> another.queueDeclare(queue, false, false, true,
                    Map.of("x-dead-letter-exchange", "amq.direct", "x-dead-letter-routing-key", 144L)));

            assertThat(exchange).isEqualTo(new Amqp.Closed(406, "PRECONDITION_FAILED - invalid type 'signedint' for arg "
                    + "'x-dead-letter-exchange' in queue '" + queue + "' in vhost '/'", false));
            assertThat(routingKey).isEqualTo(new Amqp.Closed(406, "PRECONDITION_FAILED - invalid arg "
                    + "'x-dead-letter-routing-key' for queue '" + queue + "' in vhost '/': {unacceptable_type,long}", false));
        }
    }

    @Scenario
    void aNegativePerMessageExpirationClosesTheChannelWith406(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();

            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.basicPublish("", queue,
                    new AMQP.BasicProperties.Builder().expiration("-10").build(), "never".getBytes()));

            assertThat(closed.code()).isEqualTo(406);
            assertThat(closed.connection()).isFalse();
            assertThat(closed.text()).isEqualTo("PRECONDITION_FAILED - invalid expiration '-10': {value_negative,-10}");
            assertThat(connection.createChannel().queueDeclarePassive(queue).getMessageCount())
                    .as("nothing was enqueued").isZero();
        }
    }

    @Scenario
    void aMessageOverRabbitMqsSizeLimitClosesTheChannelWith406AndOneUnderItIsTaken(Broker broker) throws Exception {
        int limit = 128 * 1024 * 1024; // RabbitMQ's default max_message_size
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();

            Amqp.publishConfirmed(channel, "", queue, "x".repeat(101 * 1024 * 1024)); // over Qpid's own 100 MiB
            assertThat(channel.queuePurge(queue).getMessageCount()).as("taken").isEqualTo(1);
            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.basicPublish("", queue, null, new byte[limit + 1]));

            assertThat(closed).isEqualTo(new Amqp.Closed(406, "PRECONDITION_FAILED - message size " + (limit + 1)
                    + " is larger than configured max size " + limit, false));
            assertThat(connection.createChannel().queueDeclarePassive(queue).getMessageCount()).isZero();
        }
    }

    @Scenario
    void anExpirationThatIsNotANumberClosesTheChannelWith406AndTheConnectionStays(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();

            Amqp.Closed notANumber = Amqp.closedBy(channel, () -> channel.basicPublish("", queue,
                    new AMQP.BasicProperties.Builder().expiration("foobar").build(), "never".getBytes()));
            Channel second = connection.createChannel();
            Amqp.Closed trailing = Amqp.closedBy(second, () -> second.basicPublish("", queue,
                    new AMQP.BasicProperties.Builder().expiration("10foo").build(), "never".getBytes()));

            assertThat(notANumber).isEqualTo(new Amqp.Closed(406,
                    "PRECONDITION_FAILED - invalid expiration 'foobar': no_integer", false));
            assertThat(trailing).isEqualTo(new Amqp.Closed(406,
                    "PRECONDITION_FAILED - invalid expiration '10foo': {leftover_string,\"foo\"}", false));
            assertThat(connection.createChannel().queueDeclarePassive(queue).getMessageCount())
                    .as("nothing was enqueued").isZero();
        }
    }

    @Scenario
    void aHeadersBindingWithAnXMatchRabbitMqDoesNotKnowClosesTheChannelWith406(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            for (Object match : List.of(23, "most")) {
                Channel channel = connection.createChannel();
                String queue = channel.queueDeclare().getQueue();

                Amqp.Closed closed = Amqp.closedBy(channel,
                        () -> channel.queueBind(queue, "amq.match", "", Map.of("x-match", match, "kind", "a")));

                assertThat(closed.code()).as("x-match=%s", match).isEqualTo(406);
                assertThat(closed.connection()).isFalse();
                assertThat(closed.text()).startsWith("PRECONDITION_FAILED - Invalid x-match field");
            }
        }
    }

    @Scenario
    void redeclaringAQueueWithAnotherXExpiresClosesTheChannelWith406AndTheSameOneInAnotherIntegerTypeDoesNot(
            Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            String queue = broker.unique("q");
            connection.createChannel().queueDeclare(queue, false, false, true, Map.of("x-expires", 60_000));

            Channel same = connection.createChannel();
            same.queueDeclare(queue, false, false, true, Map.of("x-expires", 60_000L));
            Channel other = connection.createChannel();
            Amqp.Closed closed = Amqp.closedBy(other,
                    () -> other.queueDeclare(queue, false, false, true, Map.of("x-expires", 30_000)));

            assertThat(same.isOpen()).as("the same x-expires as a long is equivalent").isTrue();
            assertThat(closed.code()).isEqualTo(406);
            assertThat(closed.text()).contains("inequivalent arg 'x-expires'");
        }
    }

    @Scenario
    void redeclaringAnExchangeWithOtherPropertiesClosesTheChannelWith406(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            String exchange = broker.unique("x");
            connection.createChannel().exchangeDeclare(exchange, "direct", false, true, null);
            try {
                for (boolean[] durableAutoDelete : new boolean[][] {{true, true}, {false, false}}) {
                    Channel channel = connection.createChannel();

                    Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.exchangeDeclare(exchange, "direct",
                            durableAutoDelete[0], durableAutoDelete[1], null));

                    assertThat(closed.code()).isEqualTo(406);
                    assertThat(closed.connection()).isFalse();
                    assertThat(closed.text()).startsWith("PRECONDITION_FAILED - inequivalent arg '"
                            + (durableAutoDelete[0] ? "durable" : "auto_delete") + "' for exchange '" + exchange + "'");
                }
            } finally {
                connection.createChannel().exchangeDelete(exchange);
            }
        }
    }

    @Scenario
    void declaringAnExchangeWithTheReservedAmqPrefixClosesTheChannelWith403(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Amqp.Closed closed = Amqp.closedBy(channel,
                    () -> channel.exchangeDeclare("amq." + broker.unique("mine"), BuiltinExchangeType.DIRECT));

            assertThat(closed.code()).isEqualTo(403);
            assertThat(closed.connection()).isFalse();
        }
    }

    @Scenario
    void declaringAQueueWithTheReservedAmqPrefixClosesTheChannelWith403(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Amqp.Closed closed = Amqp.closedBy(channel,
                    () -> channel.queueDeclare("amq." + broker.unique("mine"), false, false, true, null));

            assertThat(closed.code()).isEqualTo(403);
            assertThat(closed.connection()).isFalse();
        }
    }

    @Scenario
    void anotherChannelOfTheConnectionCarriesOnAfterAChannelError(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel failing = connection.createChannel();
            Amqp.closedBy(failing, () -> failing.queueDeclarePassive(broker.unique("missing")));

            Channel other = connection.createChannel();
            String queue = other.queueDeclare().getQueue();
            Amqp.publishConfirmed(other, "", queue, "still works");
            assertThat(Amqp.drain(other, queue)).containsExactly("still works");
        }
    }
}
