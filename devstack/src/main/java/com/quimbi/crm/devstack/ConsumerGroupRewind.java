package com.quimbi.crm.devstack;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Moves consumer groups back to a time after a database restore: {@code kafka-consumer-groups.sh --reset-offsets
 * --to-datetime}, except that a group already behind that time stays where it is (to-datetime would move it forward
 * and skip what it has not consumed yet). The groups must have no active members (their services stopped).
 */
final class ConsumerGroupRewind {

    private ConsumerGroupRewind() {
    }

    static void rewind(String bootstrapServers, Instant to, Consumer<String> progress) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> byTime = new HashMap<>();
                committed.keySet().forEach(tp -> byTime.put(tp, OffsetSpec.forTimestamp(to.toEpochMilli())));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> atTime = admin.listOffsets(byTime).all().get();
                Map<TopicPartition, OffsetAndMetadata> rewound = new HashMap<>();
                committed.forEach((tp, offset) -> {
                    long target = atTime.get(tp).offset();
                    // -1: no record at or after the time in this partition, nothing to redeliver
                    if (offset != null && target >= 0 && target < offset.offset()) {
                        rewound.put(tp, new OffsetAndMetadata(target));
                    }
                });
                if (!rewound.isEmpty()) {
                    admin.alterConsumerGroupOffsets(group.groupId(), rewound).all().get();
                    progress.accept("consumer group " + group.groupId() + ": " + rewound.size() + " partitions rewound to " + to);
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot rewind the consumer groups to " + to + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
