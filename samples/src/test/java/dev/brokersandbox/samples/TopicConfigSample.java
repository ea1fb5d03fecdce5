package dev.brokersandbox.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.brokersandbox.junit.BrokerSandbox;
import dev.brokersandbox.junit.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * A topic is created with a number of partitions and its own configs, which override the broker's
 * defaults for that topic only. {@code @Topic} creates them before the class runs; Admin shows them.
 */
@BrokerSandbox(topics = {
        @Topic(name = "customer-profiles", partitions = 3,
                config = {"cleanup.policy=compact", "retention.ms=60000", "min.insync.replicas=1"}),
        @Topic(name = "click-stream")})
class TopicConfigSample {

    @Test
    void declaredTopicHasItsPartitionsBeforeTheTestStarts(Admin admin) throws Exception {
        // Proves: customer-profiles exists when the test starts, with 3 partitions (0, 1, 2), each replicated to
        // every broker up to three (one replica on the sandbox's single broker; three on a cluster, in external mode).
        TopicDescription topic = admin.describeTopics(List.of("customer-profiles"))
                .allTopicNames().get(10, TimeUnit.SECONDS).get("customer-profiles");
        int brokers = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();

        assertThat(topic.partitions()).extracting(TopicPartitionInfo::partition).containsExactly(0, 1, 2);
        assertThat(topic.partitions()).allSatisfy(partition ->
                assertThat(partition.replicas()).as("replicas of partition %d", partition.partition())
                        .hasSize(Math.min(brokers, 3)));
    }

    @Test
    void declaredConfigsAreSetOnTheTopicAndTheRestComeFromTheDefaults(Admin admin) throws Exception {
        // Proves: the three declared configs are set on customer-profiles itself (source DYNAMIC_TOPIC_CONFIG); click-stream, declared without configs, has the defaults.
        Map<String, ConfigEntry> profiles = configs(admin, "customer-profiles");
        assertThat(profiles.get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(profiles.get("retention.ms").value()).isEqualTo("60000");
        assertThat(profiles.get("min.insync.replicas").value()).isEqualTo("1");
        for (String name : List.of("cleanup.policy", "retention.ms", "min.insync.replicas")) {
            assertThat(profiles.get(name).source()).as("source of %s on customer-profiles", name)
                    .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        }

        Map<String, ConfigEntry> clicks = configs(admin, "click-stream");
        assertThat(clicks.get("cleanup.policy").value()).as("cleanup.policy of click-stream").isEqualTo("delete");
        assertThat(clicks.get("retention.ms").value()).as("retention.ms of click-stream (7 days)").isEqualTo("604800000");
        assertThat(clicks.get("cleanup.policy").source()).as("source of cleanup.policy on click-stream")
                .isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
    }

    private static Map<String, ConfigEntry> configs(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
        return config.entries().stream().collect(Collectors.toMap(ConfigEntry::name, e -> e));
    }
}
