package dev.brokersandbox.compat;

import static dev.brokersandbox.compat.Amqp.publishConfirmed;
import static dev.brokersandbox.compat.Amqp.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

/** Dead-lettering ("Dead Letter Exchanges" in RabbitMQ's docs): rejected, nacked and expired messages. */
class DeadLetterScenarios {

    @Scenario
    void aMessageDeadLetteredByTwoQueuesCarriesBothDeathsNewestFirst(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String last = channel.queueDeclare().getQueue();
            String second = broker.unique("second");
            channel.queueDeclare(second, false, false, true,
                    Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", last));
            String first = broker.unique("first");
            channel.queueDeclare(first, false, false, true,
                    Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", second));
            publishConfirmed(channel, "", first, "twice");

            channel.basicReject(Amqp.await(channel, first, false).getEnvelope().getDeliveryTag(), false);
            channel.basicReject(Amqp.await(channel, second, false).getEnvelope().getDeliveryTag(), false);
            GetResponse dead = Amqp.await(channel, last, true);

            List<?> deaths = (List<?>) dead.getProps().getHeaders().get("x-death");
            assertThat(deaths).hasSize(2);
            assertThat(String.valueOf(((Map<?, ?>) deaths.get(0)).get("queue"))).isEqualTo(second);
            assertThat(String.valueOf(((Map<?, ?>) deaths.get(1)).get("queue"))).isEqualTo(first);
            assertThat(String.valueOf(dead.getProps().getHeaders().get("x-first-death-queue"))).isEqualTo(first);
        }
    }

    @Scenario
    void aDeadLetterExchangeThatDoesNotExistDropsTheMessageEvenIfAQueueHasItsName(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String missing = broker.unique("missing-dlx");
            channel.queueDeclare(missing, false, true, false, null); // a queue, not an exchange
            String work = channel.queueDeclare("", false, true, true, Map.of("x-dead-letter-exchange", missing)).getQueue();
            publishConfirmed(channel, "", work, "rejected");

            channel.basicReject(Amqp.await(channel, work, false).getEnvelope().getDeliveryTag(), false);

            channel.basicQos(0); // a round trip after the reject
            assertThat(channel.queueDeclarePassive(missing).getMessageCount()).isZero();
        }
    }

    @Scenario
    void aDeadLetteredMessageIsRoutedByItsCcKeysTooAndXDeathListsThem(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String dlx = broker.unique("dlx");
            channel.exchangeDeclare(dlx, BuiltinExchangeType.DIRECT, false, true, null);
            String copied = channel.queueDeclare().getQueue();
            channel.queueBind(copied, dlx, "cc-key");
            String work = channel.queueDeclare("", false, true, true, Map.of("x-dead-letter-exchange", dlx)).getQueue();
            Amqp.publish(channel, "", work, new AMQP.BasicProperties.Builder()
                    .headers(Map.of("CC", List.of("cc-key"))).build(), "copied");

            channel.basicReject(Amqp.await(channel, work, false).getEnvelope().getDeliveryTag(), false);

            GetResponse dead = Amqp.await(channel, copied, true);
            Map<?, ?> death = (Map<?, ?>) ((List<?>) dead.getProps().getHeaders().get("x-death")).get(0);
            assertThat(((List<?>) death.get("routing-keys")).stream().map(String::valueOf))
                    .containsExactly(work, "cc-key");
            assertThat(String.valueOf(dead.getProps().getHeaders().get("CC"))).isEqualTo("[cc-key]");
        }
    }

    @Scenario
    void aDeadLetterRoutingKeyOfItsOwnReplacesTheCcKeysAndDropsTheCcHeader(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String dlx = broker.unique("dlx");
            channel.exchangeDeclare(dlx, BuiltinExchangeType.DIRECT, false, true, null);
            String byCc = channel.queueDeclare().getQueue();
            channel.queueBind(byCc, dlx, "cc-key");
            String byOwnKey = channel.queueDeclare().getQueue();
            channel.queueBind(byOwnKey, dlx, "dead");
            String work = channel.queueDeclare("", false, true, true,
                    Map.of("x-dead-letter-exchange", dlx, "x-dead-letter-routing-key", "dead")).getQueue();
            Amqp.publish(channel, "", work, new AMQP.BasicProperties.Builder()
                    .headers(Map.of("CC", List.of("cc-key"))).build(), "rerouted");

            channel.basicReject(Amqp.await(channel, work, false).getEnvelope().getDeliveryTag(), false);

            GetResponse dead = Amqp.await(channel, byOwnKey, true);
            assertThat(dead.getProps().getHeaders()).doesNotContainKey("CC");
            Map<?, ?> death = (Map<?, ?>) ((List<?>) dead.getProps().getHeaders().get("x-death")).get(0);
            assertThat(((List<?>) death.get("routing-keys")).stream().map(String::valueOf))
                    .containsExactly(work, "cc-key");
            assertThat(channel.basicGet(byCc, true)).isNull();
        }
    }

    @Scenario
    void aMessageExpiresWhenItsTtlPassesNotWhenTheBrokerNextLooks(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String last = channel.queueDeclare().getQueue();
            String next = last;
            for (int hop = 0; hop < 20; hop++) { // each queue holds the message 1 ms, then dead-letters it on
                next = channel.queueDeclare(broker.unique("hop"), false, false, true, Map.of("x-message-ttl", 1,
                        "x-dead-letter-exchange", "", "x-dead-letter-routing-key", next)).getQueue();
            }
            long published = System.nanoTime();

            publishConfirmed(channel, "", next, "passed along");
            Amqp.await(channel, last, true);

            // Twenty expiries when each TTL passes take milliseconds; waiting for a periodic look
            // (Qpid's housekeeping, every 100 ms here) would take about a second.
            assertThat(Duration.ofNanos(System.nanoTime() - published)).isLessThan(Duration.ofMillis(500));
        }
    }

    @Scenario
    void aMessageThatExpiresRoundACycleOfQueuesIsDroppedNotPassedRoundForEver(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String first = broker.unique("cycle-a");
            String second = broker.unique("cycle-b");
            channel.queueDeclare(first, false, false, true, Map.of("x-message-ttl", 20,
                    "x-dead-letter-exchange", "", "x-dead-letter-routing-key", second));
            channel.queueDeclare(second, false, false, true, Map.of("x-message-ttl", 20,
                    "x-dead-letter-exchange", "", "x-dead-letter-routing-key", first));

            publishConfirmed(channel, "", first, "round and round");
            Thread.sleep(1_000); // a few expiries of both queues

            for (int look = 0; look < 20; look++) {
                assertThat(channel.queueDeclarePassive(first).getMessageCount()
                        + channel.queueDeclarePassive(second).getMessageCount()).as("look %d", look).isZero();
                Thread.sleep(25);
            }
        }
    }

    @Scenario
    void aMessageRejectedOnItsWayRoundACycleOfQueuesKeepsGoing(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String expiring = broker.unique("cycle-expiring");
            String rejecting = broker.unique("cycle-rejecting");
            channel.queueDeclare(expiring, false, false, true, Map.of("x-message-ttl", 20,
                    "x-dead-letter-exchange", "", "x-dead-letter-routing-key", rejecting));
            channel.queueDeclare(rejecting, false, false, true, Map.of(
                    "x-dead-letter-exchange", "", "x-dead-letter-routing-key", expiring));
            publishConfirmed(channel, "", expiring, "round and round");

            for (int round = 1; round <= 3; round++) {
                GetResponse got = Amqp.await(channel, rejecting, false);
                assertThat(text(got)).as("round %d", round).isEqualTo("round and round");
                channel.basicReject(got.getEnvelope().getDeliveryTag(), false);
            }
        }
    }

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

    @Scenario
    void aDeadLetteredMessageCarriesXDeathNamingQueueReasonCountExchangeAndRoutingKeys(Broker broker)
            throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            DeadLetters dl = DeadLetters.declare(broker, channel, Map.of());
            publishConfirmed(channel, "", dl.work, "poison");

            channel.basicReject(channel.basicGet(dl.work, false).getEnvelope().getDeliveryTag(), false);
            GetResponse dead = Amqp.await(channel, dl.dead, true);

            Map<String, Object> headers = dead.getProps().getHeaders();
            assertThat(headers).containsKey("x-death");
            List<?> deaths = (List<?>) headers.get("x-death");
            assertThat(deaths).hasSize(1);
            Map<?, ?> death = (Map<?, ?>) deaths.get(0);
            assertThat(String.valueOf(death.get("queue"))).isEqualTo(dl.work);
            assertThat(String.valueOf(death.get("reason"))).isEqualTo("rejected");
            assertThat(((Number) death.get("count")).longValue()).isEqualTo(1);
            assertThat(String.valueOf(death.get("exchange"))).isEqualTo("");
            assertThat(((List<?>) death.get("routing-keys"))).extracting(String::valueOf).containsExactly(dl.work);
            assertThat(death.get("time")).isInstanceOf(java.util.Date.class);
            assertThat(String.valueOf(headers.get("x-first-death-queue"))).isEqualTo(dl.work);
            assertThat(String.valueOf(headers.get("x-first-death-reason"))).isEqualTo("rejected");
            assertThat(String.valueOf(headers.get("x-first-death-exchange"))).isEqualTo("");
        }
    }

    @Scenario
    void anExpiredMessageIsDeadLetteredWithReasonExpired(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            DeadLetters dl = DeadLetters.declare(broker, channel, Map.of("x-message-ttl", 20));

            publishConfirmed(channel, "", dl.work, "too late");
            GetResponse dead = Amqp.await(channel, dl.dead, true);

            Map<?, ?> death = (Map<?, ?>) ((List<?>) dead.getProps().getHeaders().get("x-death")).get(0);
            assertThat(String.valueOf(death.get("reason"))).isEqualTo("expired");
        }
    }

    @Scenario
    void aMessageWhoseOwnExpirationPassesIsDeadLetteredWithoutItsExpiration(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            DeadLetters dl = DeadLetters.declare(broker, channel, Map.of());
            channel.confirmSelect();

            Amqp.publish(channel, "", dl.work, new AMQP.BasicProperties.Builder().expiration("20").build(), "expired");
            channel.waitForConfirmsOrDie(Amqp.WAIT.toMillis());
            GetResponse dead = Amqp.await(channel, dl.dead, true);

            assertThat(text(dead)).isEqualTo("expired");
            assertThat(dead.getProps().getExpiration()).isNull();
            Map<?, ?> death = (Map<?, ?>) ((List<?>) dead.getProps().getHeaders().get("x-death")).get(0);
            assertThat(String.valueOf(death.get("original-expiration"))).as("the expiration as published").isEqualTo("20");
        }
    }

    @Scenario
    void theOldestMessageDroppedByMaxLengthIsDeadLetteredWithReasonMaxlen(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            DeadLetters dl = DeadLetters.declare(broker, channel, Map.of("x-max-length", 1));

            publishConfirmed(channel, "", dl.work, "oldest");
            channel.basicPublish("", dl.work, com.rabbitmq.client.MessageProperties.PERSISTENT_TEXT_PLAIN,
                    "newest".getBytes());
            channel.waitForConfirmsOrDie(Amqp.WAIT.toMillis());
            GetResponse dead = Amqp.await(channel, dl.dead, true);

            assertThat(text(dead)).isEqualTo("oldest");
            Map<?, ?> death = (Map<?, ?>) ((List<?>) dead.getProps().getHeaders().get("x-death")).get(0);
            assertThat(String.valueOf(death.get("reason"))).isEqualTo("maxlen");
            assertThat(Amqp.drain(channel, dl.work)).containsExactly("newest");
        }
    }

    @Scenario
    void aPublishARejectPublishDlxQueueRefusesIsNackedAndDeadLetteredWithReasonMaxlen(Broker broker)
            throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            DeadLetters dl = DeadLetters.declare(broker, channel,
                    Map.of("x-max-length", 1, "x-overflow", "reject-publish-dlx"));
            Amqp.Confirms confirms = Amqp.Confirms.of(channel);

            Amqp.publish(channel, "", dl.work, "fits");
            Amqp.publish(channel, "", dl.work, "does not fit");
            channel.waitForConfirms(Amqp.WAIT.toMillis());
            GetResponse dead = Amqp.await(channel, dl.dead, true);

            assertThat(confirms.outcomes()).containsExactly("ack 1", "nack 2");
            assertThat(text(dead)).isEqualTo("does not fit");
            Map<?, ?> death = (Map<?, ?>) ((List<?>) dead.getProps().getHeaders().get("x-death")).get(0);
            assertThat(String.valueOf(death.get("reason"))).isEqualTo("maxlen");
            assertThat(String.valueOf(death.get("queue"))).isEqualTo(dl.work);
            assertThat(String.valueOf(dead.getProps().getHeaders().get("x-first-death-reason"))).isEqualTo("maxlen");
            assertThat(Amqp.drain(channel, dl.work)).containsExactly("fits");
        }
    }

    @Scenario
    void aRejectPublishDlxQueueDeadLettersWhatDoesNotFitAlsoWithoutConfirms(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            DeadLetters dl = DeadLetters.declare(broker, channel,
                    Map.of("x-max-length", 2, "x-overflow", "reject-publish-dlx"));

            for (String body : new String[] {"1", "2", "3", "4"}) {
                Amqp.publish(channel, "", dl.work, body);
            }

            assertThat(text(Amqp.await(channel, dl.dead, true))).isEqualTo("3");
            assertThat(text(Amqp.await(channel, dl.dead, true))).isEqualTo("4");
            assertThat(Amqp.drain(channel, dl.work)).containsExactly("1", "2");
        }
    }

    @Scenario
    void aRejectPublishQueueDoesNotDeadLetterWhatItRefuses(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            DeadLetters dl = DeadLetters.declare(broker, channel,
                    Map.of("x-max-length", 1, "x-overflow", "reject-publish"));

            publishConfirmed(channel, "", dl.work, "fits");
            Amqp.publish(channel, "", dl.work, "does not fit");
            Amqp.publish(channel, "", dl.work, "marker");
            channel.basicQos(0); // a round trip after the publishes

            assertThat(Amqp.drain(channel, dl.work)).containsExactly("fits");
            assertThat(Amqp.drain(channel, dl.dead)).isEmpty();
        }
    }

    @Scenario
    void aRejectedMessageIsDroppedWhenItsDeadLetterExchangeIsGone(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String dlx = broker.unique("dlx");
            channel.exchangeDeclare(dlx, BuiltinExchangeType.FANOUT, false, true, null); // auto-delete
            String dead = channel.queueDeclare().getQueue();
            channel.queueBind(dead, dlx, "");
            String work = channel.queueDeclare(broker.unique("work"), false, true, false,
                    Map.of("x-dead-letter-exchange", dlx)).getQueue();
            channel.queueUnbind(dead, dlx, ""); // its last binding: the exchange goes
            publishConfirmed(channel, "", work, "nowhere to go");

            channel.basicReject(channel.basicGet(work, false).getEnvelope().getDeliveryTag(), false);

            assertThat(Amqp.drain(channel, work)).isEmpty();
            assertThat(Amqp.drain(channel, dead)).isEmpty();
            assertThat(connection.isOpen()).isTrue();
        }
    }

    @Scenario
    void theDeadLetterRoutingKeyReplacesTheMessagesRoutingKey(Broker broker) throws Exception {
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String dlx = broker.unique("dlx");
            channel.exchangeDeclare(dlx, BuiltinExchangeType.DIRECT, false, false, null);
            try {
                String parked = channel.queueDeclare(broker.unique("parked"), false, true, false, null).getQueue();
                channel.queueBind(parked, dlx, "parking-lot");
                String work = channel.queueDeclare(broker.unique("work"), false, true, false, Map.of(
                        "x-dead-letter-exchange", dlx, "x-dead-letter-routing-key", "parking-lot")).getQueue();
                publishConfirmed(channel, "", work, "park me");

                channel.basicNack(channel.basicGet(work, false).getEnvelope().getDeliveryTag(), false, false);
                GetResponse dead = Amqp.await(channel, parked, true);

                assertThat(text(dead)).isEqualTo("park me");
                assertThat(dead.getEnvelope().getRoutingKey()).isEqualTo("parking-lot");
                assertThat(dead.getEnvelope().getExchange()).isEqualTo(dlx);
            } finally {
                channel.exchangeDelete(dlx);
            }
        }
    }

    /** A work queue whose dead-letter exchange (fanout) feeds a dead-letter queue. */
    private record DeadLetters(String work, String dead) {
        static DeadLetters declare(Broker broker, Channel channel, Map<String, Object> extra) throws Exception {
            String dlx = broker.unique("dlx");
            channel.exchangeDeclare(dlx, BuiltinExchangeType.FANOUT, false, false, null);
            String dead = channel.queueDeclare(broker.unique("dead"), false, true, false, null).getQueue();
            channel.queueBind(dead, dlx, "");
            Map<String, Object> arguments = new java.util.HashMap<>(extra);
            arguments.put("x-dead-letter-exchange", dlx);
            String work = channel.queueDeclare(broker.unique("work"), false, true, false, arguments).getQueue();
            return new DeadLetters(work, dead);
        }
    }
}
