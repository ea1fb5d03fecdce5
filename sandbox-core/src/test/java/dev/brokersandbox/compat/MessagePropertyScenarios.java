package dev.brokersandbox.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.LongString;

/** What a message carries besides its body arrives as it was published: properties, and header values with their types. */
class MessagePropertyScenarios {

    /** Whole seconds: an AMQP timestamp has no milliseconds. */
    private static final Date SENT = new Date(1_700_000_000_000L);

    private static final Map<String, Object> HEADERS = Map.of(
            "text", "hello", "int", 42, "long", 1L << 40, "flag", true, "sent", SENT,
            "nested", Map.of("inner", "value"), "list", List.of("a", 1));

    @Scenario
    void everyBasicPropertyArrivesAsPublished(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();
            AMQP.BasicProperties sent = new AMQP.BasicProperties.Builder()
                    .contentType("application/json").contentEncoding("utf-8").deliveryMode(2).priority(3)
                    .correlationId("c-1").replyTo("replies").messageId("m-1").timestamp(SENT).type("order.placed")
                    .userId("guest").appId("billing").build();

            Amqp.publish(channel, "", queue, sent, "{}");
            AMQP.BasicProperties got = Amqp.await(channel, queue, true).getProps();

            assertThat(got.getContentType()).isEqualTo("application/json");
            assertThat(got.getContentEncoding()).isEqualTo("utf-8");
            assertThat(got.getDeliveryMode()).isEqualTo(2);
            assertThat(got.getPriority()).isEqualTo(3);
            assertThat(got.getCorrelationId()).isEqualTo("c-1");
            assertThat(got.getReplyTo()).isEqualTo("replies");
            assertThat(got.getMessageId()).isEqualTo("m-1");
            assertThat(got.getTimestamp()).isEqualTo(SENT);
            assertThat(got.getType()).isEqualTo("order.placed");
            assertThat(got.getUserId()).isEqualTo("guest");
            assertThat(got.getAppId()).isEqualTo("billing");
        }
    }

    @Scenario
    void headerValuesKeepTheirTypes(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = channel.queueDeclare().getQueue();

            Amqp.publish(channel, "", queue, new AMQP.BasicProperties.Builder().headers(HEADERS).build(), "typed");

            assertTyped(Amqp.await(channel, queue, true));
        }
    }

    @Scenario
    void headerValuesKeepTheirTypesThroughDeadLettering(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String dead = channel.queueDeclare().getQueue();
            String work = channel.queueDeclare(broker.unique("work"), false, true, false,
                    Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dead)).getQueue();
            Amqp.publish(channel, "", work, new AMQP.BasicProperties.Builder().headers(HEADERS).build(), "typed");

            channel.basicReject(Amqp.await(channel, work, false).getEnvelope().getDeliveryTag(), false);
            GetResponse deadLettered = Amqp.await(channel, dead, true);

            assertTyped(deadLettered);
            Map<?, ?> death = (Map<?, ?>) ((List<?>) deadLettered.getProps().getHeaders().get("x-death")).get(0);
            assertThat(death.get("time")).as("x-death time, a timestamp").isInstanceOf(Date.class);
            assertThat((Date) death.get("time")).isCloseTo(new Date(), 60_000);
        }
    }

    @Scenario
    void simpleHeaderValuesKeepTheirTypesThroughAStreamAndTablesAndArraysAreDropped(Broker broker) throws Exception {
        String stream = broker.unique("stream");
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            channel.queueDeclare(stream, true, false, false, Map.of("x-queue-type", "stream"));
            try {
                Amqp.publish(channel, "", stream, new AMQP.BasicProperties.Builder().headers(HEADERS).build(), "typed");
                BlockingQueue<Delivery> read = new LinkedBlockingQueue<>();
                channel.basicQos(1);
                channel.basicConsume(stream, false, Map.of("x-stream-offset", "first"), (tag, d) -> read.add(d), tag -> { });

                Delivery delivery = read.poll(Amqp.WAIT.toSeconds(), TimeUnit.SECONDS);

                assertThat(delivery).as("a delivery from the stream").isNotNull();
                Map<String, Object> headers = delivery.getProperties().getHeaders();
                assertSimpleTyped(headers);
                assertThat(headers).as("tables and arrays, which RabbitMQ 3.10 drops in a stream")
                        .doesNotContainKeys("nested", "list");
            } finally {
                channel.queueDelete(stream);
            }
        }
    }

    @Scenario
    void aUserIdOtherThanTheConnectionsUserIsRefusedWith406(Broker broker) throws Exception {
        Amqp.Closed closed = Amqp.closedBy(broker, channel -> {
            String queue = channel.queueDeclare().getQueue();
            Amqp.publish(channel, "", queue, new AMQP.BasicProperties.Builder().userId("mallory").build(), "forged");
        });

        assertThat(closed.code()).isEqualTo(406);
        assertThat(closed.connection()).isFalse();
        assertThat(closed.text()).isEqualTo(
                "PRECONDITION_FAILED - user_id property set to 'mallory' but authenticated user was 'guest'");
    }

    private static void assertTyped(GetResponse response) {
        assertTyped(response.getProps().getHeaders());
    }

    private static void assertTyped(Map<String, Object> headers) {
        assertSimpleTyped(headers);
        assertThat(headers.get("nested")).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) headers.get("nested")).get("inner")).hasToString("value");
        assertThat(headers.get("list")).isInstanceOf(List.class);
        assertThat((List<?>) headers.get("list")).extracting(String::valueOf).containsExactly("a", "1");
    }

    private static void assertSimpleTyped(Map<String, Object> headers) {
        assertThat(headers.get("text")).isInstanceOf(LongString.class).hasToString("hello");
        assertThat(headers.get("int")).isEqualTo(42);
        assertThat(headers.get("long")).isEqualTo(1L << 40);
        assertThat(headers.get("flag")).isEqualTo(true);
        assertThat(headers.get("sent")).isEqualTo(SENT);
    }
}
