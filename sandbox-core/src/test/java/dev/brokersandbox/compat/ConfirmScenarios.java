package dev.brokersandbox.compat;

import static dev.brokersandbox.compat.Amqp.publish;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Return;

/** Publisher confirms and mandatory publishing with basic.return. */
class ConfirmScenarios {

    @Scenario
    void everyRoutedMessageIsConfirmedWithIncreasingSequenceNumbers(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            channel.confirmSelect();
            List<Long> acked = Collections.synchronizedList(new ArrayList<>());
            channel.addConfirmListener(new ConfirmListener() {
                @Override
                public void handleAck(long tag, boolean multiple) {
                    acked.add(tag);
                }

                @Override
                public void handleNack(long tag, boolean multiple) {
                    acked.add(-tag);
                }
            });
            assertThat(channel.getNextPublishSeqNo()).isEqualTo(1);

            for (int i = 0; i < 3; i++) {
                publish(channel, "", queue, "m" + i);
            }

            assertThat(channel.waitForConfirms(Amqp.WAIT.toMillis())).isTrue();
            assertThat(acked).allMatch(tag -> tag > 0).contains(3L);
        }
    }

    @Scenario
    void aMandatoryMessageNoQueueTakesIsReturnedWithNoRoute312(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String exchange = broker.unique("direct");
            channel.exchangeDeclare(exchange, BuiltinExchangeType.DIRECT, false, true, null);
            BlockingQueue<Return> returns = new ArrayBlockingQueue<>(1);
            channel.addReturnListener(returns::add);

            channel.basicPublish(exchange, "nobody", true, null, "back to sender".getBytes());
            Return returned = returns.poll(Amqp.WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(returned).as("basic.return").isNotNull();
            assertThat(returned.getReplyCode()).isEqualTo(312);
            assertThat(returned.getReplyText()).isEqualTo("NO_ROUTE");
            assertThat(returned.getExchange()).isEqualTo(exchange);
            assertThat(returned.getRoutingKey()).isEqualTo("nobody");
            assertThat(new String(returned.getBody())).isEqualTo("back to sender");
        }
    }

    @Scenario
    void anUnroutableMandatoryMessageIsReturnedThenAckedUnderConfirms(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String exchange = broker.unique("direct");
            channel.exchangeDeclare(exchange, BuiltinExchangeType.DIRECT, false, true, null);
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            channel.addReturnListener(r -> events.add("return"));
            channel.confirmSelect();
            channel.addConfirmListener((tag, multiple) -> events.add("ack"), (tag, multiple) -> events.add("nack"));

            channel.basicPublish(exchange, "nobody", true, null, "unroutable".getBytes());
            channel.waitForConfirms(Amqp.WAIT.toMillis());

            assertThat(events).containsExactly("return", "ack");
        }
    }

    @Scenario
    void onlyTheMandatoryOfTwoUnroutableMessagesIsReturned(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            List<String> returned = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            channel.addReturnListener(r -> returned.add(new String(r.getBody())));
            String nowhere = broker.unique("nowhere");

            channel.basicPublish("", nowhere, false, null, "not mandatory".getBytes());
            channel.basicPublish("", nowhere, true, null, "mandatory".getBytes());
            channel.basicPublish("", nowhere, false, null, "not mandatory either".getBytes());
            channel.queueDeclare(); // a round trip: returns come before its answer

            assertThat(returned).containsExactly("mandatory");
        }
    }

    @Scenario
    void aMandatoryMessageThatIsRoutedIsNotReturned(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            List<Return> returns = Collections.synchronizedList(new ArrayList<>());
            channel.addReturnListener(returns::add);
            channel.confirmSelect();

            channel.basicPublish("", queue, true, null, "routed".getBytes());

            assertThat(channel.waitForConfirms(Amqp.WAIT.toMillis())).isTrue();
            assertThat(returns).isEmpty();
            assertThat(Amqp.drain(channel, queue)).containsExactly("routed");
        }
    }
}
