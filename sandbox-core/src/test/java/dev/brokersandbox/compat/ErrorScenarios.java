package dev.brokersandbox.compat;

import static org.assertj.core.api.Assertions.assertThat;

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
