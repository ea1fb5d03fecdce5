package dev.brokersandbox.compat;

import static dev.brokersandbox.compat.Amqp.drain;
import static dev.brokersandbox.compat.Amqp.publishConfirmed;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.brokersandbox.AmqpPolicy;

/**
 * Policies (rabbitmqctl set_policy / clear_policy): what they set on the queues and exchanges they
 * match, existing and future, merged with the queues' own arguments, and undone when cleared.
 * Every policy matches only names of its own scenario: policies apply to the whole virtual host.
 */
class PolicyScenarios {

    @Scenario
    void aPolicyLimitsTheLengthOfAQueueDeclaredBeforeItUntilItIsCleared(Broker broker) throws Exception {
        String prefix = broker.unique("policy");
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = declare(channel, prefix + ".q", null);
            try (Broker.Policy policy = broker.policy(AmqpPolicy.of(prefix, "^" + prefix, Map.of("max-length", 1)))) {
                publishAll(channel, queue, "a", "b", "c");
                assertThat(drain(channel, queue)).as("under the policy").containsExactly("c");

                policy.close();
                publishAll(channel, queue, "d", "e", "f");
                assertThat(drain(channel, queue)).as("once it is cleared").containsExactly("d", "e", "f");
            }
        }
    }

    @Scenario
    void aPolicyMessageTtlExpiresTheMessagesOfAQueueDeclaredAfterIt(Broker broker) throws Exception {
        String prefix = broker.unique("policy");
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            try (Broker.Policy policy = broker.policy(AmqpPolicy.of(prefix, "^" + prefix, Map.of("message-ttl", 50)))) {
                String queue = declare(channel, prefix + ".q", null);
                publishConfirmed(channel, "", queue, "short-lived");
                Amqp.awaitEmpty(channel, queue);

                policy.close();
                publishConfirmed(channel, "", queue, "kept");
                Thread.sleep(200);
                assertThat(drain(channel, queue)).as("once the policy is cleared").containsExactly("kept");
            }
        }
    }

    @Scenario
    void ofAQueuesLengthLimitAndAPolicysTheLowerOneApplies(Broker broker) throws Exception {
        String prefix = broker.unique("policy");
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String ownLower = declare(channel, prefix + ".own-lower", Map.of("x-max-length", 1));
            String policyLower = declare(channel, prefix + ".policy-lower", Map.of("x-max-length", 3));
            try (Broker.Policy policy = broker.policy(AmqpPolicy.of(prefix, "^" + prefix, Map.of("max-length", 2)))) {
                publishAll(channel, ownLower, "a", "b", "c", "d");
                publishAll(channel, policyLower, "a", "b", "c", "d");
                assertThat(drain(channel, ownLower)).containsExactly("d");
                assertThat(drain(channel, policyLower)).containsExactly("c", "d");

                policy.close();
                publishAll(channel, policyLower, "e", "f", "g", "h");
                assertThat(drain(channel, policyLower)).as("its own limit again").containsExactly("f", "g", "h");
            }
        }
    }

    @Scenario
    void aPolicysDeadLetterExchangeAppliesToQueuesWithoutOneOfTheirOwn(Broker broker) throws Exception {
        String prefix = broker.unique("policy");
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String policyDeadLetters = fanoutWithQueue(channel, prefix + ".policy-dlx");
            String ownDeadLetters = fanoutWithQueue(channel, prefix + ".own-dlx");
            String plain = declare(channel, prefix + ".plain", null);
            String own = declare(channel, prefix + ".own", Map.of("x-dead-letter-exchange", prefix + ".own-dlx",
                    "x-dead-letter-routing-key", "own-key"));
            String ownExchangeOnly = declare(channel, prefix + ".own-exchange", Map.of("x-dead-letter-exchange",
                    prefix + ".own-dlx"));
            Map<String, Object> definition = Map.of("dead-letter-exchange", prefix + ".policy-dlx",
                    "dead-letter-routing-key", "policy-key");
            String matched = "^" + prefix + "\\.(plain|own|own-exchange)$";
            try (Broker.Policy policy = broker.policy(AmqpPolicy.of(prefix, matched, definition))) {
                rejectOne(channel, plain);
                rejectOne(channel, own);
                rejectOne(channel, ownExchangeOnly);

                GetResponse fromPlain = Amqp.await(channel, policyDeadLetters, true);
                assertThat(fromPlain.getEnvelope().getRoutingKey()).isEqualTo("policy-key");
                GetResponse fromOwn = Amqp.await(channel, ownDeadLetters, true);
                assertThat(fromOwn.getEnvelope().getRoutingKey()).as("the queue's own arguments win").isEqualTo("own-key");
                GetResponse fromOwnExchange = Amqp.await(channel, ownDeadLetters, true);
                assertThat(fromOwnExchange.getEnvelope().getRoutingKey()).as("each key merged on its own")
                        .isEqualTo("policy-key");

                policy.close();
                rejectOne(channel, plain);
                publishConfirmed(channel, "", ownDeadLetters, "flush"); // a queue's round trip, for what may follow
                assertThat(channel.basicGet(policyDeadLetters, true)).as("no dead-letter exchange any more").isNull();
            }
        }
    }

    @Scenario
    void aPolicyExpiresDeletesAQueueLeftUnused(Broker broker) throws Exception {
        String prefix = broker.unique("policy");
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            try (Broker.Policy policy = broker.policy(AmqpPolicy.of(prefix, "^" + prefix, Map.of("expires", 100)))) {
                String queue = declare(channel, prefix + ".q", null);
                awaitDeleted(connection.createChannel(), queue);

                policy.close();
                String kept = declare(channel, prefix + ".kept", null);
                Thread.sleep(300);
                assertThat(channel.queueDeclarePassive(kept).getQueue()).isEqualTo(kept);
            }
        }
    }

    @Scenario
    void aPolicyGivesAnExchangeWithoutOneItsAlternateExchange(Broker broker) throws Exception {
        String prefix = broker.unique("policy");
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String policyCatch = fanoutWithQueue(channel, prefix + ".policy-ae");
            String ownCatch = fanoutWithQueue(channel, prefix + ".own-ae");
            channel.exchangeDeclare(prefix + ".plain", "direct", false, true, null);
            channel.exchangeDeclare(prefix + ".own", "direct", false, true, Map.of("alternate-exchange", prefix + ".own-ae"));
            AmqpPolicy alternate = AmqpPolicy.of(prefix, "^" + prefix + "\\.(plain|own)$",
                    Map.of("alternate-exchange", prefix + ".policy-ae"));
            try (Broker.Policy policy = broker.policy(alternate)) {
                publishConfirmed(channel, prefix + ".plain", "nowhere", "to the policy's");
                publishConfirmed(channel, prefix + ".own", "nowhere", "to its own");
                assertThat(drain(channel, policyCatch)).containsExactly("to the policy's");
                assertThat(drain(channel, ownCatch)).containsExactly("to its own");

                policy.close();
                publishConfirmed(channel, prefix + ".plain", "nowhere", "lost");
                assertThat(drain(channel, policyCatch)).as("no alternate exchange any more").isEmpty();
            }
        }
    }

    @Scenario
    void aRedeclareOfAQueueAPolicyChangedIsComparedWithItsOwnArguments(Broker broker) throws Exception {
        String prefix = broker.unique("policy");
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = declare(channel, prefix + ".q", null);
            try (Broker.Policy policy = broker.policy(AmqpPolicy.of(prefix, "^" + prefix, Map.of("message-ttl", 1000)))) {
                declare(channel, queue, null);

                String refusal = Amqp.declareRefusal(connection, queue, false, true, false, Map.of("x-message-ttl", 1000));
                assertThat(refusal).contains("inequivalent arg 'x-message-ttl'");
            }
        }
    }

    @Scenario
    void ofTwoPoliciesThatMatchAQueueOnlyTheOneOfHigherPriorityApplies(Broker broker) throws Exception {
        String prefix = broker.unique("policy");
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = declare(channel, prefix + ".q", null);
            AmqpPolicy low = AmqpPolicy.of(prefix + "-low", "^" + prefix, Map.of("max-length", 1)).withPriority(1);
            AmqpPolicy high = AmqpPolicy.of(prefix + "-high", "^" + prefix, Map.of("message-ttl", 60_000)).withPriority(2);
            try (Broker.Policy lower = broker.policy(low); Broker.Policy higher = broker.policy(high)) {
                publishAll(channel, queue, "a", "b", "c");
                assertThat(drain(channel, queue)).as("the lower one's max-length does not apply").hasSize(3);
            }
        }
    }

    @Scenario
    void aPolicyForExchangesLeavesQueuesAlone(Broker broker) throws Exception {
        String prefix = broker.unique("policy");
        try (Connection connection = broker.connect()) {
            Channel channel = connection.createChannel();
            String queue = declare(channel, prefix + ".q", null);
            AmqpPolicy exchangesOnly = AmqpPolicy.of(prefix, "^" + prefix, Map.of("max-length", 1))
                    .appliedTo(AmqpPolicy.AppliesTo.EXCHANGES);
            try (Broker.Policy policy = broker.policy(exchangesOnly)) {
                publishAll(channel, queue, "a", "b");
                assertThat(drain(channel, queue)).containsExactly("a", "b");
            }
        }
    }

    private static String declare(Channel channel, String name, Map<String, Object> arguments) throws IOException {
        return channel.queueDeclare(name, false, true, false, arguments).getQueue();
    }

    private static void publishAll(Channel channel, String queue, String... bodies) throws Exception {
        for (String body : bodies) {
            publishConfirmed(channel, "", queue, body);
        }
    }

    /** A fanout exchange named {@code exchange} and a queue of the same name bound to it; the queue. */
    private static String fanoutWithQueue(Channel channel, String exchange) throws IOException {
        channel.exchangeDeclare(exchange, "fanout", false, true, null);
        String queue = declare(channel, exchange, null);
        channel.queueBind(queue, exchange, "");
        return queue;
    }

    /** Publishes a message to {@code queue} and rejects it without requeueing: it is dead-lettered. */
    private static void rejectOne(Channel channel, String queue) throws Exception {
        publishConfirmed(channel, "", queue, "rejected");
        GetResponse response = Amqp.await(channel, queue, false);
        channel.basicReject(response.getEnvelope().getDeliveryTag(), false);
    }

    /**
     * Waits until {@code queue} is gone, publishing to it as mandatory until a publish comes back
     * unroutable: a declare, even a passive one, would count as a use and keep it.
     */
    private static void awaitDeleted(Channel channel, String queue) throws Exception {
        AtomicBoolean returned = new AtomicBoolean();
        channel.addReturnListener(r -> returned.set(true));
        channel.confirmSelect();
        long deadline = System.nanoTime() + Amqp.WAIT.toNanos();
        while (true) {
            channel.basicPublish("", queue, true, null, "probe".getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(Amqp.WAIT.toMillis()); // a return comes before the confirm
            if (returned.get()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Queue " + queue + " was still there " + Amqp.WAIT.toSeconds() + " s after "
                        + "its policy's expires");
            }
            Thread.sleep(20);
        }
    }
}
