package dev.brokersandbox.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/** What RabbitMQ refuses a client that misuses the protocol, and whether a channel or the connection pays. */
class MisuseScenarios {

    @Scenario
    void bindingAQueueToTheDefaultExchangeIsRefusedWith403(Broker broker) throws Exception {
        Amqp.Closed closed = Amqp.closedBy(broker, channel -> {
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, "", "elsewhere");
        });

        assertThat(closed.code()).isEqualTo(403);
        assertThat(closed.connection()).isFalse();
        assertThat(closed.text()).isEqualTo("ACCESS_REFUSED - operation not permitted on the default exchange");
    }

    @Scenario
    void declaringTheDefaultExchangeIsRefusedWith403(Broker broker) throws Exception {
        Amqp.Closed closed = Amqp.closedBy(broker, channel -> channel.exchangeDeclare("", "direct", true));

        assertThat(closed.code()).isEqualTo(403);
        assertThat(closed.connection()).isFalse();
        assertThat(closed.text()).isEqualTo("ACCESS_REFUSED - operation not permitted on the default exchange");
    }

    @Scenario
    void deletingAStandardExchangeIsRefusedWith403(Broker broker) throws Exception {
        Amqp.Closed closed = Amqp.closedBy(broker, channel -> channel.exchangeDelete("amq.direct"));

        assertThat(closed.code()).isEqualTo(403);
        assertThat(closed.connection()).isFalse();
        assertThat(closed.text()).isEqualTo("ACCESS_REFUSED - deletion of system exchange 'amq.direct' in vhost '/' not allowed");
    }

    @Scenario
    void declaringAnExchangeOfAnUnknownTypeClosesTheConnectionWith503(Broker broker) throws Exception {
        Amqp.Closed closed = Amqp.closedBy(broker,
                channel -> channel.exchangeDeclare(broker.unique("x"), "x-no-such-type", false, true, null));

        assertThat(closed.code()).isEqualTo(503);
        assertThat(closed.connection()).isTrue();
        assertThat(closed.text()).isEqualTo("COMMAND_INVALID - unknown exchange type 'x-no-such-type'");
    }

    @Scenario
    void anImmediatePublishClosesTheConnectionWith540(Broker broker) throws Exception {
        Amqp.Closed closed = Amqp.closedBy(broker, channel -> {
            String queue = channel.queueDeclare().getQueue();
            channel.basicPublish("", queue, false, true, new AMQP.BasicProperties(), "now".getBytes());
        });

        assertThat(closed.code()).isEqualTo(540);
        assertThat(closed.connection()).isTrue();
        assertThat(closed.text()).isEqualTo("NOT_IMPLEMENTED - immediate=true");
    }

    @Scenario
    void aConfirmingChannelCannotBecomeTransactional(Broker broker) throws Exception {
        Amqp.Closed closed = Amqp.closedBy(broker, channel -> {
            channel.confirmSelect();
            channel.txSelect();
        });

        assertThat(closed.code()).isEqualTo(406);
        assertThat(closed.connection()).isFalse();
        assertThat(closed.text()).isEqualTo("PRECONDITION_FAILED - cannot switch from confirm to tx mode");
    }

    @Scenario
    void aTransactionalChannelCannotConfirm(Broker broker) throws Exception {
        Amqp.Closed closed = Amqp.closedBy(broker, channel -> {
            channel.txSelect();
            channel.confirmSelect();
        });

        assertThat(closed.code()).isEqualTo(406);
        assertThat(closed.connection()).isFalse();
        assertThat(closed.text()).isEqualTo("PRECONDITION_FAILED - cannot switch from tx to confirm mode");
    }

    @Scenario
    void committingOutsideATransactionIsRefusedWith406(Broker broker) throws Exception {
        Amqp.Closed closed = Amqp.closedBy(broker, Channel::txCommit);

        assertThat(closed.code()).isEqualTo(406);
        assertThat(closed.connection()).isFalse();
        assertThat(closed.text()).isEqualTo("PRECONDITION_FAILED - channel is not transactional");
    }

    @Scenario
    void deletingANonEmptyQueueIfEmptyIsRefusedWith406(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            Amqp.publishConfirmed(channel, "", queue, "still here");

            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.queueDelete(queue, false, true));

            assertThat(closed.code()).isEqualTo(406);
            assertThat(closed.connection()).isFalse();
            assertThat(closed.text()).isEqualTo("PRECONDITION_FAILED - queue '" + queue + "' in vhost '/' not empty");
        }
    }

    @Scenario
    void deletingAQueueInUseIfUnusedIsRefusedWith406(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            Channel consumer = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            consumer.basicConsume(queue, true, (tag, d) -> { }, tag -> { });

            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.queueDelete(queue, true, false));

            assertThat(closed.code()).isEqualTo(406);
            assertThat(closed.connection()).isFalse();
            assertThat(closed.text()).isEqualTo("PRECONDITION_FAILED - queue '" + queue + "' in vhost '/' in use");
        }
    }

    @Scenario
    void deletingAnExchangeInUseIfUnusedIsRefusedWith406(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String exchange = broker.unique("x");
            channel.exchangeDeclare(exchange, "fanout", false, true, null);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, exchange, "");

            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.exchangeDelete(exchange, true));

            assertThat(closed.code()).isEqualTo(406);
            assertThat(closed.connection()).isFalse();
            assertThat(closed.text()).isEqualTo("PRECONDITION_FAILED - exchange '" + exchange + "' in vhost '/' in use");
        }
    }

    @Scenario
    void publishingToAnInternalExchangeIsRefusedWith403(Broker broker) throws Exception {
        String exchange = broker.unique("internal");
        Amqp.Closed closed = Amqp.closedBy(broker, channel -> {
            channel.exchangeDeclare(exchange, "fanout", false, true, true, Map.of());
            channel.basicPublish(exchange, "", null, "not for clients".getBytes());
        });

        assertThat(closed.code()).isEqualTo(403);
        assertThat(closed.connection()).isFalse();
        assertThat(closed.text()).isEqualTo("ACCESS_REFUSED - cannot publish to internal exchange '" + exchange
                + "' in vhost '/'");
    }
}
