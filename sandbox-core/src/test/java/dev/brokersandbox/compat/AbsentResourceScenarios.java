package dev.brokersandbox.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/**
 * Removing what is not there: RabbitMQ answers with the method's -ok and the channel stays open, so
 * clean-up code (a test's tear-down, a dead-letter set-up that starts by deleting) need not check first.
 */
class AbsentResourceScenarios {

    @Scenario
    void deletingAnExchangeThatWasNeverDeclaredIsAnsweredWithDeleteOk(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();

            assertThat(channel.exchangeDelete(broker.unique("never-declared")))
                    .isInstanceOf(AMQP.Exchange.DeleteOk.class);
            assertThat(channel.exchangeDelete(broker.unique("never-declared"), true))
                    .as("with if-unused").isInstanceOf(AMQP.Exchange.DeleteOk.class);
            assertThat(channel.isOpen()).isTrue();
        }
    }

    @Scenario
    void deletingAnExchangeTwiceIsAnsweredWithDeleteOkBothTimes(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String exchange = broker.unique("twice");
            channel.exchangeDeclare(exchange, "direct");

            channel.exchangeDelete(exchange);
            channel.exchangeDelete(exchange);

            assertThat(channel.isOpen()).isTrue();
            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.exchangeDeclarePassive(exchange));
            assertThat(closed.code()).as("the exchange is gone").isEqualTo(404);
        }
    }

    @Scenario
    void unbindingAQueueFromAnExchangeThatIsNotThereIsAnsweredWithUnbindOk(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();

            assertThat(channel.queueUnbind(queue, broker.unique("never-declared"), "key"))
                    .isInstanceOf(AMQP.Queue.UnbindOk.class);
            assertThat(channel.isOpen()).isTrue();
        }
    }

    @Scenario
    void unbindingAQueueThatIsNotThereIsAnsweredWithUnbindOk(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();

            assertThat(channel.queueUnbind(broker.unique("never-declared"), "amq.direct", "key"))
                    .isInstanceOf(AMQP.Queue.UnbindOk.class);
            assertThat(channel.isOpen()).isTrue();
        }
    }

    @Scenario
    void removingABindingThatWasNeverMadeIsAnsweredWithUnbindOkAndLeavesTheOthers(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, "amq.direct", "bound");

            assertThat(channel.queueUnbind(queue, "amq.direct", "never-bound"))
                    .isInstanceOf(AMQP.Queue.UnbindOk.class);
            channel.basicPublish("amq.direct", "bound", null, "still routed".getBytes());

            assertThat(Amqp.text(Amqp.await(channel, queue, true))).as("the binding that was made still routes")
                    .isEqualTo("still routed");
        }
    }

    @Scenario
    void unbindingAnExchangeFromAnExchangeThatIsNotThereIsAnsweredWithUnbindOk(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String destination = broker.unique("destination");
            channel.exchangeDeclare(destination, "fanout", false, true, Map.of());

            assertThat(channel.exchangeUnbind(destination, broker.unique("never-declared"), ""))
                    .isInstanceOf(AMQP.Exchange.UnbindOk.class);
            assertThat(channel.isOpen()).isTrue();
        }
    }

    @Scenario
    void aRefusalNamesTheVirtualHostTheResourceIsIn(Broker broker) throws Exception {
        try (Connection connection = broker.connect(Broker.OTHER_VHOST)) {
            Channel channel = connection.createChannel();
            String exchange = broker.unique("in-use");
            channel.exchangeDeclare(exchange, "direct", false, true, Map.of());
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, exchange, "key");

            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.exchangeDelete(exchange, true));

            assertThat(closed.text()).isEqualTo("PRECONDITION_FAILED - exchange '" + exchange + "' in vhost '"
                    + Broker.OTHER_VHOST + "' in use");
        }
    }
}
