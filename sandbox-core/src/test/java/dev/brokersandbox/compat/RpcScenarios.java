package dev.brokersandbox.compat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;

/** Request/reply (RabbitMQ tutorial six): with a reply queue of the client's own, and with direct reply-to. */
class RpcScenarios {

    @Scenario
    void aClientCanConsumeRepliesAgainAfterCancellingItsDirectReplyToConsumer(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel client = connection.createChannel();
            Channel server = connection.createChannel();
            String requests = server.queueDeclare(broker.unique("rpc_queue"), false, false, true, null).getQueue();
            serveUppercase(server, requests);
            String first = client.basicConsume("amq.rabbitmq.reply-to", true, (tag, d) -> { }, tag -> { });
            client.basicCancel(first);

            BlockingQueue<Delivery> replies = new ArrayBlockingQueue<>(1);
            client.basicConsume("amq.rabbitmq.reply-to", true, (tag, d) -> replies.add(d), tag -> { });
            client.basicPublish("", requests, new AMQP.BasicProperties.Builder().replyTo("amq.rabbitmq.reply-to")
                    .build(), "again".getBytes(UTF_8));

            Delivery reply = replies.poll(Amqp.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(reply).as("the reply to the second consumer").isNotNull();
            assertThat(new String(reply.getBody(), UTF_8)).isEqualTo("AGAIN");
        }
    }

    @Scenario
    void aServerAnswersOnTheReplyQueueWithTheRequestsCorrelationId(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel client = connection.createChannel();
            Channel server = connection.createChannel();
            String requests = server.queueDeclare(broker.unique("rpc_queue"), false, false, true, null).getQueue();
            serveUppercase(server, requests);
            String replyQueue = client.queueDeclare().getQueue();
            BlockingQueue<Delivery> replies = new ArrayBlockingQueue<>(1);
            client.basicConsume(replyQueue, true, (tag, d) -> replies.add(d), tag -> { });

            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .correlationId("42").replyTo(replyQueue).build();
            client.basicPublish("", requests, props, "fib".getBytes(UTF_8));
            Delivery reply = replies.poll(Amqp.WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(reply).as("the reply").isNotNull();
            assertThat(new String(reply.getBody(), UTF_8)).isEqualTo("FIB");
            assertThat(reply.getProperties().getCorrelationId()).isEqualTo("42");
        }
    }

    @Scenario
    void directReplyToCarriesTheReplyWithoutAReplyQueue(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel client = connection.createChannel();
            Channel server = connection.createChannel();
            String requests = server.queueDeclare(broker.unique("rpc_queue"), false, false, true, null).getQueue();
            serveUppercase(server, requests);
            BlockingQueue<Delivery> replies = new ArrayBlockingQueue<>(1);
            client.basicConsume("amq.rabbitmq.reply-to", true, (tag, d) -> replies.add(d), tag -> { });

            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .correlationId("7").replyTo("amq.rabbitmq.reply-to").build();
            client.basicPublish("", requests, props, "ping".getBytes(UTF_8));
            Delivery reply = replies.poll(Amqp.WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(reply).as("the reply").isNotNull();
            assertThat(new String(reply.getBody(), UTF_8)).isEqualTo("PING");
            assertThat(reply.getProperties().getCorrelationId()).isEqualTo("7");
        }
    }

    /** The server half: answers each request on its reply-to address, in upper case, keeping the correlation id. */
    private static void serveUppercase(Channel server, String requests) throws Exception {
        server.basicConsume(requests, false, (tag, request) -> {
            AMQP.BasicProperties reply = new AMQP.BasicProperties.Builder()
                    .correlationId(request.getProperties().getCorrelationId()).build();
            server.basicPublish("", request.getProperties().getReplyTo(), reply,
                    new String(request.getBody(), UTF_8).toUpperCase().getBytes(UTF_8));
            server.basicAck(request.getEnvelope().getDeliveryTag(), false);
        }, tag -> { });
    }
}
