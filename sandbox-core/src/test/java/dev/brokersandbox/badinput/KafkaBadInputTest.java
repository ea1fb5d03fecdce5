package dev.brokersandbox.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.brokersandbox.Sandbox;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue's Kafka cases through Kafka's own clients (docs/reliability.md lists them
 * all): each gets the exact error type and message the client hands the application, within
 * {@link #BOUND}, and the broker serves a round trip afterwards. The broker is Kafka itself, so the
 * answers are Kafka's; the test pins them, so that a sandbox setting that changed one shows up.
 */
class KafkaBadInputTest {

    /** A hang check, not a speed test: Kafka answers each of these in milliseconds. */
    static final Duration BOUND = Duration.ofSeconds(10);
    private static final String EXISTING = "existing";
    private static final String ROUND_TRIP = "round-trip";
    private static final int OVER_A_MEGABYTE = 1024 * 1024 + 1;

    private static Sandbox sandbox;
    private static Admin admin;
    private static Producer<String, String> producer;
    private static Consumer<String, String> reader;

    /** One bad input and Kafka's answer to it, as {@link #failure} describes it. */
    record Case(String name, Input input, String answer) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Input {
        String answer() throws Exception;
    }

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.builder().kafka(k -> k.topic(EXISTING, 1).topic(ROUND_TRIP, 1)).start();
        admin = sandbox.kafka().admin();
        producer = sandbox.kafka().producer();
        producer.send(new ProducerRecord<>(EXISTING, "k", "v")).get(BOUND.toSeconds(), TimeUnit.SECONDS);
        reader = sandbox.kafka().consumer(null);
        reader.assign(List.of(new TopicPartition(ROUND_TRIP, 0)));
    }

    @AfterAll
    static void stop() {
        reader.close();
        producer.close();
        admin.close();
        sandbox.close();
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.addAll(topicCases());
        cases.addAll(clientCases());
        cases.addAll(RawKafkaCases.cases(() -> sandbox.kafka().bootstrapServers(), BOUND));
        return cases.stream();
    }

    private static List<Case> topicCases() {
        return List.of(
                new Case("a topic name with a space and '!'", () -> failure(() -> create("bad name!", 1, 1)),
                        "InvalidTopicException: Topic name is invalid: 'bad name!' contains one or more characters "
                                + "other than ASCII alphanumerics, '.', '_' and '-'"),
                new Case("the topic name '.'", () -> failure(() -> create(".", 1, 1)),
                        "InvalidTopicException: Topic name is invalid: '.' is not allowed"),
                new Case("a topic name of 250 characters", () -> failure(() -> create("t".repeat(250), 1, 1)),
                        "InvalidTopicException: Topic name is invalid: the length of '" + "t".repeat(250)
                                + "' is longer than the max allowed length 249"),
                new Case("an empty topic name", () -> failure(() -> create("", 1, 1)),
                        "InvalidTopicException: The given topic name '' cannot be represented in a request."),
                new Case("a topic of 0 partitions", () -> failure(() -> create("zero-partitions", 0, 1)),
                        "InvalidPartitionsException: Number of partitions was set to an invalid non-positive value."),
                new Case("a replication factor above the broker count", () -> failure(() -> create("rf-two", 1, 2)),
                        "InvalidReplicationFactorException: Unable to replicate the partition 2 time(s): The target "
                                + "replication factor of 2 cannot be reached because only 1 broker(s) are registered or some brokers have all their log directories "
                                + "cordoned."),
                new Case("a replication factor of 0", () -> failure(() -> create("rf-zero", 1, 0)),
                        "InvalidReplicationFactorException: Replication factor must be larger than 0, or -1 to use "
                                + "the default value."),
                new Case("a topic config Kafka does not know",
                        () -> failure(() -> create("unknown-config", Map.of("no.such.config", "1"))),
                        "InvalidConfigurationException: Unknown topic config name: no.such.config"),
                new Case("min.insync.replicas of 0",
                        () -> failure(() -> create("min-isr-zero", Map.of("min.insync.replicas", "0"))),
                        "InvalidConfigurationException: Invalid value 0 for configuration min.insync.replicas: "
                                + "Value must be at least 1"),
                new Case("a cleanup.policy Kafka does not know",
                        () -> failure(() -> create("sideways", Map.of("cleanup.policy", "sideways"))),
                        "InvalidConfigurationException: Invalid value sideways for configuration cleanup.policy: "
                                + "String must be one of: compact, delete"),
                new Case("a retention.ms that is not a number",
                        () -> failure(() -> create("retention-abc", Map.of("retention.ms", "abc"))),
                        "InvalidConfigurationException: Invalid value abc for configuration retention.ms: "
                                + "Not a number of type LONG"),
                new Case("a topic that exists already", () -> failure(() -> create(EXISTING, 1, 1)),
                        "TopicExistsException: Topic 'existing' already exists."),
                new Case("deleting a topic that does not exist",
                        () -> failure(() -> admin.deleteTopics(List.of("no-such-topic")).all().get(BOUND.toSeconds(),
                                TimeUnit.SECONDS)),
                        "UnknownTopicOrPartitionException: This server does not host this topic-partition."),
                new Case("describing a topic that does not exist",
                        () -> failure(() -> admin.describeTopics(List.of("no-such-topic")).allTopicNames()
                                .get(BOUND.toSeconds(), TimeUnit.SECONDS)),
                        "UnknownTopicOrPartitionException: This server does not host this topic-partition."),
                new Case("fewer partitions than a topic has",
                        () -> failure(() -> admin.createPartitions(Map.of(EXISTING, NewPartitions.increaseTo(0))).all()
                                .get(BOUND.toSeconds(), TimeUnit.SECONDS)),
                        "InvalidPartitionsException: The topic existing currently has 1 partition(s); 0 would not be "
                                + "an increase."),
                new Case("deleting records past the end of a partition",
                        () -> failure(() -> admin.deleteRecords(Map.of(new TopicPartition(EXISTING, 0),
                                RecordsToDelete.beforeOffset(1_000))).all().get(BOUND.toSeconds(), TimeUnit.SECONDS)),
                        "OffsetOutOfRangeException: The requested offset is not within the range of offsets "
                                + "maintained by the server."),
                new Case("setting a topic config Kafka does not know",
                        () -> failure(() -> admin.incrementalAlterConfigs(Map.of(
                                new ConfigResource(ConfigResource.Type.TOPIC, EXISTING),
                                List.of(new AlterConfigOp(new ConfigEntry("no.such.config", "1"),
                                        AlterConfigOp.OpType.SET)))).all().get(BOUND.toSeconds(), TimeUnit.SECONDS)),
                        "InvalidConfigurationException: Unknown topic config name: no.such.config"),
                new Case("deleting a consumer group that does not exist",
                        () -> failure(() -> admin.deleteConsumerGroups(List.of("no-such-group")).all()
                                .get(BOUND.toSeconds(), TimeUnit.SECONDS)),
                        "GroupIdNotFoundException: The group id does not exist."),
                new Case("an ACL on a broker without an authorizer",
                        () -> failure(() -> admin.describeAcls(AclBindingFilter.ANY)
                                .values().get(BOUND.toSeconds(), TimeUnit.SECONDS)),
                        "SecurityDisabledException: No Authorizer is configured on the broker"));
    }

    private static List<Case> clientCases() {
        return List.of(
                new Case("a record over the broker's message.max.bytes", () -> failure(() -> {
                    try (Producer<String, String> large = sandbox.kafka().producer(
                            Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * OVER_A_MEGABYTE))) {
                        large.send(new ProducerRecord<>(EXISTING, "x".repeat(2 * OVER_A_MEGABYTE)))
                                .get(BOUND.toSeconds(), TimeUnit.SECONDS);
                    }
                }), "RecordTooLargeException: The request included a message larger than the max message size "
                        + "the server will accept."),
                new Case("a record over the producer's max.request.size",
                        () -> failure(() -> producer.send(new ProducerRecord<>(EXISTING, "x".repeat(OVER_A_MEGABYTE)))
                                .get(BOUND.toSeconds(), TimeUnit.SECONDS)),
                        "RecordTooLargeException: The message is 1048665 bytes when serialized which is larger than "
                                + "1048576, which is the value of the max.request.size configuration."),
                new Case("a record for a partition the topic does not have", () -> failure(() -> {
                    // The producer waits max.block.ms (60 s by default) for the partition to appear.
                    try (Producer<String, String> impatient = sandbox.kafka().producer(
                            Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000))) {
                        impatient.send(new ProducerRecord<>(EXISTING, 5, "k", "v")).get(BOUND.toSeconds(), TimeUnit.SECONDS);
                    }
                }), "TimeoutException: Partition 5 of topic existing with partition count 1 is not present in metadata "
                        + "after 1000 ms."),
                new Case("a record for a topic with an illegal name",
                        () -> failure(() -> producer.send(new ProducerRecord<>("bad name!", "v"))
                                .get(BOUND.toSeconds(), TimeUnit.SECONDS)),
                        "InvalidTopicException: Invalid topics: [bad name!]"),
                new Case("a transactional producer sending before initTransactions", () -> failure(() -> {
                    Producer<String, String> transactional = sandbox.kafka().producer(
                            Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bad-input"));
                    try {
                        transactional.send(new ProducerRecord<>(EXISTING, "v"));
                    } finally {
                        // A plain close waits two minutes for the transaction that never began.
                        transactional.close(Duration.ZERO);
                    }
                }), "IllegalStateException: Cannot add partition existing-0 to transaction before completing a call "
                        + "to initTransactions"),
                new Case("an idempotent producer with acks=1", () -> failure(() -> sandbox.kafka().producer(Map.of(
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "1")).close()),
                        "ConfigException: Must set acks to all in order to use the idempotent producer. Otherwise we "
                                + "cannot guarantee idempotence."),
                new Case("acks of 5", () -> failure(() -> sandbox.kafka().producer(
                        Map.of(ProducerConfig.ACKS_CONFIG, "5")).close()),
                        "ConfigException: Invalid value 5 for configuration acks: String must be one of: all, -1, 0, 1"),
                new Case("bootstrap.servers that are not host:port", () -> failure(() -> sandbox.kafka().producer(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "nothing")).close()),
                        "KafkaException: Failed to construct kafka producer, caused by ConfigException: Invalid url in "
                                + "bootstrap.servers: nothing"),
                new Case("a consumer without a group subscribing", () -> failure(() -> {
                    try (Consumer<String, String> groupless = sandbox.kafka().consumer(null)) {
                        groupless.subscribe(List.of(EXISTING));
                        groupless.poll(Duration.ofMillis(100));
                    }
                }), "InvalidGroupIdException: To use the group management or offset commit APIs, you must provide a "
                        + "valid group.id in the consumer configuration."),
                new Case("a consumer with no offset and no reset policy", () -> failure(() -> {
                    try (Consumer<String, String> strict = sandbox.kafka().consumer("strict",
                            Map.of("auto.offset.reset", "none"))) {
                        strict.assign(List.of(new TopicPartition(EXISTING, 0)));
                        strict.poll(Duration.ofSeconds(5));
                    }
                }), "NoOffsetForPartitionException: Undefined offset with no reset policy for partitions: [existing-0]"),
                new Case("a negative fetch.max.bytes", () -> failure(() -> sandbox.kafka().consumer("negative",
                        Map.of("fetch.max.bytes", -1)).close()),
                        "ConfigException: Invalid value -1 for configuration fetch.max.bytes: Value must be at least 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBadInputGetsKafkasExactAnswerWithinTheBoundAndTheBrokerStillServes(Case bad) throws Exception {
        long started = System.nanoTime();
        String answer = bad.input().answer();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer).isEqualTo(bad.answer());
        assertThat(took).as("time to the answer").isLessThan(BOUND);
        assertRoundTrip();
    }

    /** A record written and read back on a topic of its own. */
    private static void assertRoundTrip() throws Exception {
        String value = "after " + System.nanoTime();
        TopicPartition partition = new TopicPartition(ROUND_TRIP, 0);
        long offset = producer.send(new ProducerRecord<>(ROUND_TRIP, 0, null, value)).get(BOUND.toSeconds(),
                TimeUnit.SECONDS).offset();
        reader.seek(partition, offset);
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(100))) {
                if (record.value().equals(value)) {
                    return;
                }
            }
        }
        throw new AssertionError("the record written at offset " + offset + " was not read back within "
                + BOUND.toSeconds() + " s");
    }

    /** What {@code action} threw, as {@link #describe}d (an ExecutionException's cause), or "no error". */
    static String failure(Action action) {
        try {
            action.run();
            return "no error";
        } catch (ExecutionException e) {
            return describe(e.getCause());
        } catch (Exception e) {
            return describe(e);
        }
    }

    /** "SimpleName: message", and the cause's when a client wraps it in a KafkaException of its own. */
    private static String describe(Throwable t) {
        String described = t.getClass().getSimpleName() + ": " + t.getMessage();
        return t.getClass() == KafkaException.class && t.getCause() != null
                ? described + ", caused by " + describe(t.getCause()) : described;
    }

    private static Object create(String name, int partitions, int replicationFactor) throws Exception {
        return admin.createTopics(List.of(new NewTopic(name, partitions, (short) replicationFactor))).all()
                .get(BOUND.toSeconds(), TimeUnit.SECONDS);
    }

    private static Object create(String name, Map<String, String> config) throws Exception {
        return admin.createTopics(List.of(new NewTopic(name, Optional.of(1), Optional.empty()).configs(config))).all()
                .get(BOUND.toSeconds(), TimeUnit.SECONDS);
    }
}
