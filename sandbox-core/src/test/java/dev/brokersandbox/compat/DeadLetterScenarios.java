package dev.brokersandbox.compat;

import static dev.brokersandbox.compat.Amqp.publishConfirmed;
import static dev.brokersandbox.compat.Amqp.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/** Dead-lettering ("Dead Letter Exchanges" in RabbitMQ's docs): rejected, nacked and expired messages. */
class DeadLetterScenarios {

    @Scenario
    void aRejectedMessageGoesToTheQueuesDeadLetterExchange(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            DeadLetters dl = DeadLetters.declare(broker, channel, Map.of());
            publishConfirmed(channel, "", dl.work, "poison");

            channel.basicReject(channel.basicGet(dl.work, false).getEnvelope().getDeliveryTag(), false);

            assertThat(text(Amqp.await(channel, dl.dead, true))).isEqualTo("poison");
            assertThat(channel.queueDeclarePassive(dl.work).getMessageCount()).isZero();
        }
    }

    @Scenario
    void aNackedMessageGoesToTheQueuesDeadLetterExchange(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            DeadLetters dl = DeadLetters.declare(broker, channel, Map.of());
            publishConfirmed(channel, "", dl.work, "poison");

            channel.basicNack(channel.basicGet(dl.work, false).getEnvelope().getDeliveryTag(), false, false);

            assertThat(text(Amqp.await(channel, dl.dead, true))).isEqualTo("poison");
        }
    }

    @Scenario
    void aRequeuedMessageIsNotDeadLettered(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            DeadLetters dl = DeadLetters.declare(broker, channel, Map.of());
            publishConfirmed(channel, "", dl.work, "retry");

            channel.basicReject(channel.basicGet(dl.work, false).getEnvelope().getDeliveryTag(), true);

            assertThat(text(Amqp.await(channel, dl.work, true))).isEqualTo("retry");
            assertThat(channel.queueDeclarePassive(dl.dead).getMessageCount()).isZero();
        }
    }

    @Scenario
    void aMessageThatExpiresOnAQueueWithTtlGoesToTheDeadLetterExchange(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            DeadLetters dl = DeadLetters.declare(broker, channel, Map.of("x-message-ttl", 50));

            publishConfirmed(channel, "", dl.work, "too late");

            assertThat(text(Amqp.await(channel, dl.dead, true))).isEqualTo("too late");
            assertThat(channel.queueDeclarePassive(dl.work).getMessageCount()).isZero();
        }
    }

    /** A work queue whose dead-letter exchange (fanout) feeds a dead-letter queue. */
    private record DeadLetters(String work, String dead) {
        static DeadLetters declare(Broker broker, Channel channel, Map<String, Object> extra) throws Exception {
            String dlx = broker.unique("dlx");
            channel.exchangeDeclare(dlx, BuiltinExchangeType.FANOUT, false, true, null);
            String dead = channel.queueDeclare(broker.unique("dead"), false, true, false, null).getQueue();
            channel.queueBind(dead, dlx, "");
            Map<String, Object> arguments = new java.util.HashMap<>(extra);
            arguments.put("x-dead-letter-exchange", dlx);
            String work = channel.queueDeclare(broker.unique("work"), false, true, false, arguments).getQueue();
            return new DeadLetters(work, dead);
        }
    }
}
