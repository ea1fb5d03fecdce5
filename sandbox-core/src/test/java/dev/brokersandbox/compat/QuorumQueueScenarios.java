package dev.brokersandbox.compat;

import static dev.brokersandbox.compat.Amqp.publishConfirmed;
import static dev.brokersandbox.compat.Amqp.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

/** Quorum queues (x-queue-type=quorum): what they do that a classic queue does not, on one node. */
class QuorumQueueScenarios {

    @Scenario
    void aQuorumQueueMustBeDurableAndNeitherExclusiveNorAutoDelete(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            String name = broker.unique("quorum");
            Map<String, Object> quorum = Map.of("x-queue-type", "quorum");
            String where = " for queue '" + name + "' in vhost '/'";

            assertThat(Amqp.declareRefusal(connection, name, false, false, false, quorum))
                    .isEqualTo("PRECONDITION_FAILED - invalid property 'non-durable'" + where);
            assertThat(Amqp.declareRefusal(connection, name, true, true, false, quorum))
                    .isEqualTo("PRECONDITION_FAILED - invalid property 'exclusive-owner'" + where);
            assertThat(Amqp.declareRefusal(connection, name, true, false, true, quorum))
                    .isEqualTo("PRECONDITION_FAILED - invalid property 'auto-delete'" + where);
        }
    }

    @Scenario
    void aMessageRequeuedOnAQuorumQueueCarriesItsDeliveryCount(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = declare(broker, channel, Map.of());
            try {
                publishConfirmed(channel, "", queue, "retry me");

                GetResponse first = Amqp.await(channel, queue, false);
                channel.basicNack(first.getEnvelope().getDeliveryTag(), false, true);
                GetResponse second = Amqp.await(channel, queue, false);
                channel.basicReject(second.getEnvelope().getDeliveryTag(), true);
                GetResponse third = Amqp.await(channel, queue, true); // auto-ack: counted all the same

                assertThat(headerOrNull(first, "x-delivery-count")).as("first delivery").isEqualTo(0L);
                assertThat(headerOrNull(second, "x-delivery-count")).isEqualTo(1L);
                assertThat(headerOrNull(third, "x-delivery-count")).isEqualTo(2L);
                assertThat(third.getEnvelope().isRedeliver()).isTrue();
            } finally {
                channel.queueDelete(queue);
            }
        }
    }

    @Scenario
    void aMessageReturnedMoreOftenThanTheDeliveryLimitIsDeadLetteredWithReasonDeliveryLimit(Broker broker)
            throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String dlx = broker.unique("dlx");
            channel.exchangeDeclare(dlx, BuiltinExchangeType.FANOUT, false, true, null);
            String dead = channel.queueDeclare().getQueue();
            channel.queueBind(dead, dlx, "");
            String queue = declare(broker, channel, Map.of("x-delivery-limit", 1, "x-dead-letter-exchange", dlx));
            try {
                publishConfirmed(channel, "", queue, "poison");

                channel.basicNack(Amqp.await(channel, queue, false).getEnvelope().getDeliveryTag(), false, true);
                channel.basicNack(Amqp.await(channel, queue, false).getEnvelope().getDeliveryTag(), false, true);
                GetResponse deadLettered = Amqp.await(channel, dead, true);

                assertThat(text(deadLettered)).isEqualTo("poison");
                Map<?, ?> death = (Map<?, ?>) ((List<?>) deadLettered.getProps().getHeaders().get("x-death")).get(0);
                assertThat(String.valueOf(death.get("reason"))).isEqualTo("delivery_limit");
                assertThat(channel.basicGet(queue, true)).as("left in the quorum queue").isNull();
            } finally {
                channel.queueDelete(queue);
            }
        }
    }

    @Scenario
    void aMessageAConsumerDiesWithCountsAsADelivery(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = declare(broker, channel, Map.of());
            try {
                publishConfirmed(channel, "", queue, "in flight");
                try (Connection doomed = broker.connect()) {
                    Amqp.await(doomed.createChannel(), queue, false); // never acknowledged
                }

                GetResponse again = Amqp.await(channel, queue, true);

                assertThat(headerOrNull(again, "x-delivery-count")).isEqualTo(1L);
            } finally {
                channel.queueDelete(queue);
            }
        }
    }

    @Scenario
    void aMessageOnAChannelClosedByAnErrorCountsAsADelivery(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = declare(broker, channel, Map.of());
            try {
                publishConfirmed(channel, "", queue, "in flight");
                Channel failing = connection.createChannel();
                Amqp.await(failing, queue, false); // never acknowledged
                Amqp.closedBy(failing, () -> failing.basicAck(999, false)); // an unknown tag: a channel error

                GetResponse again = Amqp.await(channel, queue, true);

                assertThat(headerOrNull(again, "x-delivery-count")).isEqualTo(1L);
            } finally {
                channel.queueDelete(queue);
            }
        }
    }

    private static String declare(Broker broker, Channel channel, Map<String, Object> extra) throws Exception {
        Map<String, Object> arguments = new HashMap<>(extra);
        arguments.put("x-queue-type", "quorum");
        return channel.queueDeclare(broker.unique("quorum"), true, false, false, arguments).getQueue();
    }

    private static Object headerOrNull(GetResponse response, String name) {
        Map<String, Object> headers = response.getProps().getHeaders();
        Object value = headers == null ? null : headers.get(name);
        return value instanceof Number n ? (Object) n.longValue() : value;
    }
}
