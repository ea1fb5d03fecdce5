package dev.brokersandbox.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/** Queue and exchange names as RabbitMQ keeps them: carriage returns and line feeds dropped. */
class NameScenarios {

    @Scenario
    void aQueueDeclaredWithLineBreaksInItsNameIsNamedWithoutThem(Broker broker) throws Exception {
        String name = broker.unique("lines");
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();

            String declared = channel.queueDeclare("\r" + name.replace(".", ".\n") + "\r\n", false, false, true, null)
                    .getQueue();

            assertThat(declared).isEqualTo(name);
            assertThat(channel.queueDeclarePassive(name).getQueue()).isEqualTo(name);
            assertThat(channel.queueDelete("\n" + name).getMessageCount()).as("deleted by a name with a line feed")
                    .isZero();
            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.queueDeclarePassive(name));
            assertThat(closed.code()).isEqualTo(404);
        }
    }

    @Scenario
    void anExchangeDeclaredWithLineBreaksInItsNameIsNamedWithoutThemAndBindsByEitherName(Broker broker)
            throws Exception {
        String exchange = broker.unique("lines");
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(exchange + "\n\r", "direct", false, true, Map.of());
            String queue = channel.queueDeclare().getQueue();

            channel.exchangeDeclarePassive(exchange);
            channel.queueBind(queue, "\r" + exchange, "key");
            Amqp.publish(channel, exchange, "key", "through the stripped name");

            assertThat(Amqp.text(Amqp.await(channel, queue, true))).isEqualTo("through the stripped name");
            channel.exchangeDelete(exchange + "\r\n");
            Amqp.Closed closed = Amqp.closedBy(channel, () -> channel.exchangeDeclarePassive(exchange));
            assertThat(closed.code()).as("deleted by a name with line breaks").isEqualTo(404);
        }
    }
}
