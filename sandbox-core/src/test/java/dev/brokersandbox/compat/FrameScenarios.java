package dev.brokersandbox.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/**
 * Frames out of order or malformed: RabbitMQ closes the connection with 505 UNEXPECTED_FRAME or
 * 501 FRAME_ERROR and says why, rather than dropping the socket; and the broker serves the next
 * client as before.
 */
class FrameScenarios {

    @Scenario
    void aBodyWithoutItsContentHeaderClosesTheConnectionWith505(Broker broker) throws Exception {
        try (RawAmqp amqp = broker.connectRaw()) {
            amqp.publish("nowhere").body("Hello");

            assertThat(amqp.awaitClose()).isEqualTo(new RawAmqp.Close(505,
                    "UNEXPECTED_FRAME - expected content header for class 60, got non content header frame instead"));
        }
        assertStillServes(broker);
    }

    @Scenario
    void aContentHeaderWithoutAPublishClosesTheConnectionWith505(Broker broker) throws Exception {
        try (RawAmqp amqp = broker.connectRaw()) {
            amqp.header(60, 5);

            assertThat(amqp.awaitClose()).isEqualTo(new RawAmqp.Close(505,
                    "UNEXPECTED_FRAME - expected method frame, got non method frame instead"));
        }
        assertStillServes(broker);
    }

    @Scenario
    void aMethodWhereTheBodyBelongsClosesTheConnectionWith505(Broker broker) throws Exception {
        try (RawAmqp amqp = broker.connectRaw()) {
            amqp.publish("nowhere").header(60, 5).qos();

            assertThat(amqp.awaitClose()).isEqualTo(new RawAmqp.Close(505,
                    "UNEXPECTED_FRAME - expected content body, got non content body frame instead"));
        }
        assertStillServes(broker);
    }

    @Scenario
    void aContentHeaderOfAnotherClassClosesTheConnectionWith505(Broker broker) throws Exception {
        try (RawAmqp amqp = broker.connectRaw()) {
            amqp.publish("nowhere").header(3106, 5);

            assertThat(amqp.awaitClose()).isEqualTo(new RawAmqp.Close(505,
                    "UNEXPECTED_FRAME - expected content header for class 60, got one for class 3106 instead"));
        }
        assertStillServes(broker);
    }

    @Scenario
    void aHeartbeatOnAChannelClosesTheConnectionWith505(Broker broker) throws Exception {
        try (RawAmqp amqp = broker.connectRaw()) {
            amqp.frame(RawAmqp.HEARTBEAT, 1, new byte[0]);

            RawAmqp.Close close = amqp.awaitClose();
            assertThat(close).isNotNull();
            assertThat(close.code()).isEqualTo(505);
        }
        assertStillServes(broker);
    }

    @Scenario
    void aFrameOfAnUnknownTypeClosesTheConnectionWith501(Broker broker) throws Exception {
        try (RawAmqp amqp = broker.connectRaw()) {
            amqp.frame(0, 1, "1234567890".getBytes());

            RawAmqp.Close close = amqp.awaitClose();
            assertThat(close).isNotNull();
            assertThat(close.code()).isEqualTo(501);
            assertThat(close.text()).startsWith("FRAME_ERROR - ");
        }
        assertStillServes(broker);
    }

    @Scenario
    void aFrameLargerThanFrameMaxClosesTheConnectionWith501(Broker broker) throws Exception {
        try (RawAmqp amqp = broker.connectRaw()) {
            amqp.publish("nowhere").header(60, amqp.frameMax() * 2L).body("x".repeat(amqp.frameMax() + 100));

            RawAmqp.Close close = amqp.awaitClose();
            assertThat(close).isNotNull();
            assertThat(close.code()).isEqualTo(501);
            assertThat(close.text()).startsWith("FRAME_ERROR - ");
        }
        assertStillServes(broker);
    }

    private static void assertStillServes(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            Amqp.publish(channel, "", queue, "still here");
            assertThat(Amqp.text(Amqp.await(channel, queue, true))).isEqualTo("still here");
        }
    }
}
