package dev.brokersandbox.compat;

import static dev.brokersandbox.compat.BadInputs.onChannel;
import static dev.brokersandbox.compat.BadInputs.opened;
import static dev.brokersandbox.compat.BadInputs.raw;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;

/**
 * The bad-input catalogue's AMQP cases (docs/reliability.md lists them all): what no well-behaved
 * client sends, each answered exactly as RabbitMQ answers it, within {@link BadInputs#BOUND}, with
 * the broker serving a round trip afterwards.
 */
class BadInputScenarios {

    private static final String HEADER = "protocol header 0.0.9.1, end";
    private static final byte[] QOS = {0, 60, 0, 10, 0, 0, 0, 0, 0, 1, 0};

    @Scenario
    void bytesThatAreNotAmqp091AreAnsweredWithTheProtocolHeaderAndTheSocketEnds(Broker broker) {
        BadInputs.check(broker, List.of(
                raw("an HTTP request", (amqp, b) -> amqp.raw("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(US_ASCII)),
                        HEADER),
                raw("a TLS client hello", (amqp, b) -> amqp.raw(new byte[] {0x16, 3, 1, 0, (byte) 0xa5, 1, 0, 0, (byte) 0xa1, 3, 3}),
                        HEADER),
                raw("AMQP 1.0's protocol header", (amqp, b) -> amqp.raw(new byte[] {'A', 'M', 'Q', 'P', 0, 1, 0, 0}),
                        HEADER),
                raw("AMQP 0-10's protocol header", (amqp, b) -> amqp.raw(new byte[] {'A', 'M', 'Q', 'P', 1, 1, 0, 10}),
                        HEADER),
                raw("AMQP 0-9-1's header with another protocol id",
                        (amqp, b) -> amqp.raw(new byte[] {'A', 'M', 'Q', 'P', 2, 0, 9, 1}), HEADER),
                raw("eight zero octets", (amqp, b) -> amqp.raw(new byte[8]), HEADER)));
    }

    @Scenario
    void aConnectionTheClientHalfClosesIsEndedByTheBroker(Broker broker) {
        BadInputs.check(broker, List.of(
                raw("nothing, then the client's end of the socket closed", (amqp, b) -> amqp.endOutput(), "end"),
                raw("half a protocol header, then the client's end closed",
                        (amqp, b) -> amqp.raw("AMQ".getBytes(US_ASCII)).endOutput(), "end"),
                raw("the protocol header, then the client's end closed",
                        (amqp, b) -> amqp.raw(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1}).endOutput(), "method 10.10, end"),
                opened("half a frame after the handshake, then the client's end closed",
                        (amqp, b) -> amqp.raw(new byte[] {1, 0, 1, 0, 0}).endOutput(), "end")));
    }

    @Scenario
    void aHandshakeOutOfOrderOrOutOfRangeEndsTheSocketWithoutAClose(Broker broker) {
        BadInputs.check(broker, List.of(
                raw("an authentication mechanism the broker does not offer",
                        (amqp, b) -> amqp.greet().startOk("FOO", "whatever"),
                        "end"),
                raw("a PLAIN response without its NUL separators",
                        (amqp, b) -> amqp.greet().startOk("PLAIN", "guestguest"),
                        "end"),
                raw("a frame_max below 4096 in tune-ok", (amqp, b) -> {
                    amqp.greet().login("PLAIN", b.plainResponse()).tuneOk(amqp.channelMax(), 1024, 0);
                }, "end"),
                raw("a frame_max above the broker's in tune-ok", (amqp, b) -> {
                    amqp.greet().login("PLAIN", b.plainResponse()).tuneOk(amqp.channelMax(), amqp.frameMax() + 1, 0);
                }, "end"),
                raw("a channel_max above the broker's in tune-ok", (amqp, b) -> {
                    amqp.greet().login("PLAIN", b.plainResponse()).tuneOk(amqp.channelMax() + 1, amqp.frameMax(), 0);
                }, "end"),
                raw("connection.open before tune-ok", (amqp, b) -> {
                    amqp.greet().login("PLAIN", b.plainResponse());
                    amqp.method(0, 10, 40, new Payload().shortString("/").shortString("").u8(0));
                }, "end")));
    }

    @Scenario
    void aFrameOrMethodAgainstTheProtocolEndsTheConnectionAsRabbitMqDoes(Broker broker) {
        BadInputs.check(broker, List.of(
                opened("a method on a channel that is not open", (amqp, b) -> amqp.frame(RawAmqp.METHOD, 2, QOS),
                        "connection.close 504 CHANNEL_ERROR - expected 'channel.open', end"),
                opened("channel.open of a channel that is open",
                        (amqp, b) -> amqp.method(1, 20, 10, new Payload().shortString("")),
                        "connection.close 504 CHANNEL_ERROR - second 'channel.open' seen, end"),
                opened("a basic method on channel 0", (amqp, b) -> amqp.frame(RawAmqp.METHOD, 0, QOS),
                        "connection.close 504 CHANNEL_ERROR - unexpected method in connection state running, end"),
                opened("a method id the class does not have",
                        (amqp, b) -> amqp.method(1, 60, 999, new Payload()),
                        "end"),
                opened("a class id AMQP 0-9-1 does not have",
                        (amqp, b) -> amqp.method(1, 999, 10, new Payload()),
                        "end"),
                opened("a frame whose last octet is not frame-end", (amqp, b) -> amqp.raw(frameWithEnd(0)),
                        "connection.close 501 FRAME_ERROR - type 1, all octets = <<0,60,0,10,0,0,0,0,0,1,0>>: "
                                + "{invalid_frame_end_marker,0}, end"),
                opened("a method frame too short to name its method",
                        (amqp, b) -> amqp.frame(RawAmqp.METHOD, 1, new byte[] {0, 60}),
                        "connection.close 501 FRAME_ERROR - type 1, all octets = <<0,60>>: unknown_frame, end"),
                opened("a basic.publish cut short", (amqp, b) -> amqp.method(1, 60, 40, new Payload().u16(0)),
                        "connection.close 501 FRAME_ERROR - cannot decode <<0,0>>, end"),
                opened("a queue.declare whose arguments hold a field of an unknown type",
                        (amqp, b) -> amqp.method(1, 50, 10, new Payload().u16(0).shortString(b.unique("q")).u8(0)
                                .bytes(tableWithUnknownType())),
                        "end"),
                opened("channel.flow asking the broker to stop sending",
                        (amqp, b) -> amqp.method(1, 20, 20, new Payload().u8(0)),
                        "connection.close 540 NOT_IMPLEMENTED - active=false, end")));
    }

    @Scenario
    void aNameOrArgumentRabbitMqRefusesClosesTheChannelWithItsCodeAndText(Broker broker) throws Exception {
        String queue = broker.unique("q");
        String missing = broker.unique("missing");
        List<BadInputs.Case> cases = new ArrayList<>(List.of(
                onChannel("x-queue-mode of an unknown value",
                        channel -> channel.queueDeclare(queue, false, false, true, Map.of("x-queue-mode", "fast")),
                        "channel.close 406 PRECONDITION_FAILED - invalid arg 'x-queue-mode' for queue '" + queue
                                + "' in vhost '/': \"unsupported queue mode 'fast'\""),
                onChannel("x-single-active-consumer that is not a boolean",
                        channel -> channel.queueDeclare(queue, false, false, true,
                                Map.of("x-single-active-consumer", "yes")),
                        "channel.close 406 PRECONDITION_FAILED - invalid arg 'x-single-active-consumer' for queue '"
                                + queue + "' in vhost '/': {unacceptable_type,longstr}"),
                onChannel("x-max-priority below zero",
                        channel -> channel.queueDeclare(queue, false, false, true, Map.of("x-max-priority", -1)),
                        "channel.close 406 PRECONDITION_FAILED - invalid arg 'x-max-priority' for queue '" + queue
                                + "' in vhost '/': {value_negative,-1}"),
                onChannel("an exchange type that is empty",
                        channel -> channel.exchangeDeclare(broker.unique("x"), "", false, true, null),
                        "connection.close 503 COMMAND_INVALID - invalid exchange type ''"),
                onChannel("a queue bound to an exchange that does not exist", channel -> {
                    String own = channel.queueDeclare().getQueue();
                    channel.queueBind(own, missing, "key");
                }, "channel.close 404 NOT_FOUND - no exchange '" + missing + "' in vhost '/'"),
                onChannel("an exchange bound to a source that does not exist",
                        channel -> channel.exchangeBind("amq.fanout", missing, "key"),
                        "channel.close 404 NOT_FOUND - no exchange '" + missing + "' in vhost '/'"),
                onChannel("a basic.get of a queue that does not exist", channel -> channel.basicGet(missing, true),
                        "channel.close 404 NOT_FOUND - no queue '" + missing + "' in vhost '/'"),
                onChannel("a purge of a queue that does not exist", channel -> channel.queuePurge(missing),
                        "channel.close 404 NOT_FOUND - no queue '" + missing + "' in vhost '/'"),
                onChannel("a reject of a delivery tag never given", channel -> channel.basicReject(7, false),
                        "channel.close 406 PRECONDITION_FAILED - unknown delivery tag 7"),
                onChannel("an acknowledgement given twice", channel -> {
                    String own = channel.queueDeclare().getQueue();
                    Amqp.publishConfirmed(channel, "", own, "once");
                    long tag = Amqp.await(channel, own, false).getEnvelope().getDeliveryTag();
                    channel.basicAck(tag, false);
                    channel.basicAck(tag, false);
                }, "channel.close 406 PRECONDITION_FAILED - unknown delivery tag 1"),
                onChannel("a reply to direct reply-to from a channel that does not consume it",
                        channel -> channel.basicPublish("", broker.unique("rpc"),
                                new AMQP.BasicProperties.Builder().replyTo("amq.rabbitmq.reply-to").build(), new byte[0]),
                        "channel.close 406 PRECONDITION_FAILED - fast reply consumer does not exist")));
        try (Connection owner = broker.connect()) {
            String exclusive = owner.createChannel().queueDeclare(broker.unique("exclusive"), false, true, true, null)
                    .getQueue();
            cases.add(onChannel("a queue declared that another connection holds exclusively",
                    channel -> channel.queueDeclare(exclusive, false, false, false, null),
                    "channel.close 405 RESOURCE_LOCKED - cannot obtain exclusive access to locked queue '" + exclusive
                            + "' in vhost '/'. It could be originally declared on another connection or the exclusive "
                            + "property value does not match that of the original declaration."));
            BadInputs.check(broker, cases);
        }
    }

    @Scenario
    void aThousandQuickConnectionsAreEachGreetedAndTheBrokerServesAfterThem(Broker broker) throws Exception {
        long started = System.nanoTime();
        int greeted = 0;
        for (int i = 0; i < 1_000; i++) {
            try (RawAmqp amqp = broker.connectRawSocket()) {
                amqp.greet(); // fails unless the broker answers the protocol header with connection.start
                greeted++;
            }
        }

        assertThat(greeted).isEqualTo(1_000);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("time for 1,000 connections (a hang check)")
                .isLessThan(BadInputs.BOUND.multipliedBy(3));
        BadInputs.roundTrip(broker);
    }

    /** A basic.qos frame whose last octet is {@code end} instead of 0xCE. */
    private static byte[] frameWithEnd(int end) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream frame = new DataOutputStream(bytes);
        frame.writeByte(RawAmqp.METHOD);
        frame.writeShort(1);
        frame.writeInt(QOS.length);
        frame.write(QOS);
        frame.writeByte(end);
        return bytes.toByteArray();
    }

    /** A field table of one entry, {@code x-foo}, whose type octet 'Z' AMQP does not define. */
    private static byte[] tableWithUnknownType() throws Exception {
        byte[] entry = new Payload().shortString("x-foo").u8('Z').u32(0).bytes();
        return new Payload().u32(entry.length).bytes(entry).bytes();
    }
}
