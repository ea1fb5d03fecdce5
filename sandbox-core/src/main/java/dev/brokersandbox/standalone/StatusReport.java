package dev.brokersandbox.standalone;

import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.brokersandbox.AmqpBroker;
import dev.brokersandbox.AmqpOverview;
import dev.brokersandbox.Sandbox;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * What a student wants to look at while the sandbox runs: queues with their messages and
 * consumers, exchanges and bindings, topics with partitions and end offsets, consumer groups and
 * their lag. Plain text, for {@code --status} and the status page.
 */
final class StatusReport {

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    private final Sandbox sandbox;
    private final Admin admin;

    /** @param admin an admin client of the sandbox's Kafka, or null without Kafka */
    StatusReport(Sandbox sandbox, Admin admin) {
        this.sandbox = sandbox;
        this.admin = admin;
    }

    String render() {
        StringBuilder out = new StringBuilder("Broker Sandbox status at ")
                .append(LocalTime.now().truncatedTo(ChronoUnit.SECONDS)).append("\n");
        if (sandbox.hasAmqp()) {
            amqp(out, sandbox.amqp());
        }
        if (admin != null) {
            try {
                kafka(out);
            } catch (Exception e) {
                out.append("\n  Kafka did not answer: ").append(e).append('\n');
            }
        }
        return out.toString();
    }

    private static void amqp(StringBuilder out, AmqpBroker broker) {
        AmqpOverview o = broker.overview(AmqpBroker.DEFAULT_VIRTUAL_HOST);
        out.append("\nAMQP ").append(broker.host()).append(':').append(broker.port())
                .append(", virtual host ").append(o.virtualHost()).append('\n');
        Table queues = new Table("queue", "messages", "consumers", "durable");
        o.queues().forEach(q -> queues.row(q.name(), q.messages(), q.consumers(), q.durable() ? "yes" : "no"));
        queues.appendTo(out, "no queues yet");
        out.append('\n');
        Table exchanges = new Table("exchange", "type", "durable");
        o.exchanges().forEach(e -> exchanges.row(e.name(), e.type(), e.durable() ? "yes" : "no"));
        exchanges.appendTo(out, "no exchanges");
        out.append('\n');
        Table bindings = new Table("binding: exchange", "queue", "routing key");
        o.bindings().forEach(b -> bindings.row(b.exchange(), b.queue(), b.routingKey()));
        bindings.appendTo(out, "no bindings");
    }

    private void kafka(StringBuilder out) throws Exception {
        out.append("\nKafka ").append(sandbox.kafka().bootstrapServers()).append('\n');
        Set<String> names = new TreeSet<>(get(admin.listTopics().names()));
        Map<String, TopicDescription> topics = names.isEmpty() ? Map.of() : get(admin.describeTopics(names).allTopicNames());
        Map<TopicPartition, Long> ends = endOffsets(topics);

        Table topicTable = new Table("topic", "partitions", "records", "end offsets by partition");
        for (String name : names) {
            int partitions = topics.get(name).partitions().size();
            List<String> byPartition = new ArrayList<>();
            long records = 0;
            for (int p = 0; p < partitions; p++) {
                long end = ends.getOrDefault(new TopicPartition(name, p), 0L);
                byPartition.add(p + ":" + end);
                records += end;
            }
            topicTable.row(name, partitions, records, String.join(" ", byPartition));
        }
        topicTable.appendTo(out, "no topics yet");
        out.append('\n');

        Table groups = new Table("consumer group", "state", "members", "lag", "lag by partition");
        Set<String> groupIds = new TreeSet<>();
        for (GroupListing g : get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all())) {
            groupIds.add(g.groupId());
        }
        Map<String, ConsumerGroupDescription> descriptions = groupIds.isEmpty() ? Map.of()
                : get(admin.describeConsumerGroups(groupIds).all());
        for (String groupId : groupIds) {
            ConsumerGroupDescription d = descriptions.get(groupId);
            Map<TopicPartition, OffsetAndMetadata> committed =
                    get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
            Map<TopicPartition, Long> lag = new TreeMap<>(
                    java.util.Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition));
            committed.forEach((tp, offset) -> {
                if (offset != null) {
                    lag.put(tp, Math.max(0, ends.getOrDefault(tp, offset.offset()) - offset.offset()));
                }
            });
            String detail = lag.entrySet().stream()
                    .map(e -> e.getKey().topic() + "-" + e.getKey().partition() + ":" + e.getValue())
                    .collect(Collectors.joining(" "));
            groups.row(groupId, d.groupState(), d.members().size(),
                    lag.values().stream().mapToLong(Long::longValue).sum(), detail.isEmpty() ? "(nothing committed)" : detail);
        }
        groups.appendTo(out, "no consumer groups yet");
    }

    private Map<TopicPartition, Long> endOffsets(Map<String, TopicDescription> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        topics.forEach((name, d) -> d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()),
                OffsetSpec.latest())));
        if (request.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e
                : get(admin.listOffsets(request).all()).entrySet()) {
            ends.put(e.getKey(), e.getValue().offset());
        }
        return ends;
    }

    private static <T> T get(KafkaFuture<T> future) throws Exception {
        return future.get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Left-aligned columns, two spaces apart, indented under their broker. */
    private static final class Table {
        private final List<List<String>> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(List.of(header));
        }

        void row(Object... cells) {
            List<String> row = new ArrayList<>();
            for (Object c : cells) {
                row.add(String.valueOf(c));
            }
            rows.add(row);
        }

        void appendTo(StringBuilder out, String whenEmpty) {
            if (rows.size() == 1) {
                out.append("  (").append(whenEmpty).append(")\n");
                return;
            }
            int[] widths = new int[rows.get(0).size()];
            for (List<String> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    widths[i] = Math.max(widths[i], row.get(i).length());
                }
            }
            for (List<String> row : rows) {
                StringBuilder line = new StringBuilder("  ");
                for (int i = 0; i < row.size(); i++) {
                    line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
                }
                out.append(line.toString().stripTrailing()).append('\n');
            }
        }
    }
}
