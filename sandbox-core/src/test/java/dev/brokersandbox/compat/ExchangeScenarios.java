package dev.brokersandbox.compat;

import static dev.brokersandbox.compat.Amqp.drain;
import static dev.brokersandbox.compat.Amqp.publishConfirmed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/** Alternate exchanges and exchange-to-exchange bindings. */
class ExchangeScenarios {

    @Scenario
    void anAlternateExchangeTakesWhatItsExchangeCannotRoute(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String unrouted = broker.unique("unrouted");
            channel.exchangeDeclare(unrouted, BuiltinExchangeType.FANOUT, false, true, null);
            String catchAll = channel.queueDeclare().getQueue();
            channel.queueBind(catchAll, unrouted, "");
            String orders = broker.unique("orders");
            channel.exchangeDeclare(orders, BuiltinExchangeType.DIRECT, false, true,
                    Map.of("alternate-exchange", unrouted));
            String paid = channel.queueDeclare().getQueue();
            channel.queueBind(paid, orders, "paid");

            publishConfirmed(channel, orders, "paid", "routed");
            publishConfirmed(channel, orders, "refunded", "no binding");

            assertThat(drain(channel, paid)).containsExactly("routed");
            assertThat(drain(channel, catchAll)).containsExactly("no binding");
        }
    }

    @Scenario
    void anAlternateExchangeThatDoesNotExistDropsTheMessageEvenIfAQueueHasItsName(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String missing = broker.unique("missing-ae");
            channel.queueDeclare(missing, false, true, false, null); // a queue, not an exchange
            String orders = broker.unique("orders");
            channel.exchangeDeclare(orders, BuiltinExchangeType.DIRECT, false, true, Map.of("alternate-exchange", missing));
            String paid = channel.queueDeclare().getQueue();
            channel.queueBind(paid, orders, "paid");

            publishConfirmed(channel, orders, "refunded", "no binding");

            assertThat(channel.queueDeclarePassive(missing).getMessageCount()).isZero();
        }
    }

    @Scenario
    void anAutoDeleteExchangeIsDeletedWhenItsLastQueueIsUnbound(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String exchange = broker.unique("temporary");
            channel.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, false, true, null);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, exchange, "");

            channel.queueUnbind(queue, exchange, "");

            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.exchangeDeclarePassive(exchange));
            assertThat(closed.code()).isEqualTo(404);
        }
    }

    @Scenario
    void anExchangeBoundToAnExchangePassesMatchingMessagesOn(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String source = broker.unique("source");
            String destination = broker.unique("destination");
            channel.exchangeDeclare(source, BuiltinExchangeType.TOPIC, false, true, null);
            channel.exchangeDeclare(destination, BuiltinExchangeType.FANOUT, false, true, null);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, destination, "");

            channel.exchangeBind(destination, source, "audit.#");
            publishConfirmed(channel, source, "audit.login", "passed on");
            publishConfirmed(channel, source, "metrics.cpu", "not matching");

            assertThat(drain(channel, queue)).containsExactly("passed on");
        }
    }

    @Scenario
    void anExchangeDeclaredWithAnArgumentOfAnApplicationsOwnWorks(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String exchange = broker.unique("x");
            channel.exchangeDeclare(exchange, "fanout", false, true, Map.of("x-owner", "billing"));
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, exchange, "");

            publishConfirmed(channel, exchange, "", "through");

            assertThat(drain(channel, queue)).containsExactly("through");
        }
    }

    @Scenario
    void anExchangeUnboundFromAnExchangePassesNothingOn(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String source = broker.unique("source");
            String destination = broker.unique("destination");
            // Not auto-delete: RabbitMQ deletes an auto-delete exchange when its last binding goes.
            channel.exchangeDeclare(source, BuiltinExchangeType.DIRECT, false, false, null);
            channel.exchangeDeclare(destination, BuiltinExchangeType.FANOUT, false, false, null);
            try {
                String queue = channel.queueDeclare().getQueue();
                channel.queueBind(queue, destination, "");
                channel.exchangeBind(destination, source, "k");

                channel.exchangeUnbind(destination, source, "k");
                publishConfirmed(channel, source, "k", "stopped");

                assertThat(drain(channel, queue)).isEmpty();
            } finally {
                channel.exchangeDelete(source);
                channel.exchangeDelete(destination);
            }
        }
    }
}
