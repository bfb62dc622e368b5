package com.quimbi.crm.analytics.rebuild;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.analytics.fact.Sums;
import com.quimbi.crm.analytics.messaging.AnalyticsStream;
import com.quimbi.crm.platform.problem.ConflictException;

/**
 * Rebuilds every fact and aggregate from the topics: stops the live listeners (each finishes its record), takes
 * the topics' current ends, creates empty copies of the tables and of the inbox in the schema
 * {@code analytics_rebuild}, replays every topic from its beginning up to that end through the same handlers (the
 * search path puts the copies first; the inbox copy deduplicates redelivered events as live did; partitions replayed
 * on parallel workers, a batch per transaction), swaps the copies
 * in within one transaction, and starts the listeners again: they resume at their committed offsets and find the
 * events the rebuild applied already in the inbox. The result equals what live processing builds from the same
 * records, whatever order the topics interleave in.
 */
@Service
public class RebuildService {

    private static final Logger log = LoggerFactory.getLogger(RebuildService.class);

    /** Every fact and aggregate table the consumers write. */
    public static final List<String> TABLES = List.of("ticket_fact", "ticket_count", "ticket_status_interval",
            "message_fact", "assignment_fact", "ticket_hold", "sla_outcome", "presence_state", "presence_interval",
            "agent_dim", "customer_dim", "customer_merge", "agent_daily_metrics", "ticket_volume", "ticket_rollup");
    /** What is rebuilt and swapped: the facts and the inbox that says which events they contain. */
    static final List<String> SWAPPED = java.util.stream.Stream.concat(TABLES.stream(),
            java.util.stream.Stream.of("processed_message")).toList();
    static final String SCHEMA = "analytics_rebuild";

    public record Result(long events, long skipped, int partitions, long millis) {
    }

    private final KafkaListenerEndpointRegistry listeners;
    private final ConsumerFactory<?, ?> consumers;
    private final AnalyticsStream stream;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate batch;
    private final TransactionTemplate nested;
    private final ReentrantLock running = new ReentrantLock();
    private final Sums sums;
    private final int workers;

    RebuildService(KafkaListenerEndpointRegistry listeners, ConsumerFactory<?, ?> consumers, AnalyticsStream stream,
            JdbcTemplate jdbc, PlatformTransactionManager transactions, Sums sums,
            @Value("${crm.analytics.rebuild-workers:3}") int workers) {
        this.sums = sums;
        this.workers = Math.max(1, workers);
        this.listeners = listeners;
        this.consumers = consumers;
        this.stream = stream;
        this.jdbc = jdbc;
        this.batch = new TransactionTemplate(transactions);
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public Result rebuild() {
        if (!running.tryLock()) {
            throw new ConflictException("A rebuild is already running.");
        }
        long started = System.nanoTime();
        List<MessageListenerContainer> containers = new ArrayList<>(listeners.getListenerContainers());
        try {
            containers.forEach(MessageListenerContainer::stop);
            Map<TopicPartition, Long> end = endOffsets();
            prepare();
            long[] counts = replay(end);
            swap();
            Result result = new Result(counts[0], counts[1], end.size(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            log.info("Rebuilt analytics from {} events ({} skipped) on {} partitions in {} ms", result.events(),
                    result.skipped(), result.partitions(), result.millis());
            return result;
        } finally {
            jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            containers.forEach(MessageListenerContainer::start);
            running.unlock();
        }
    }

    /**
     * Where the topics end now (the last stable offsets: read_committed). The rebuilt inbox holds every event id
     * up to there, so when the live listeners resume from their own offsets they skip what the rebuild applied.
     */
    private Map<TopicPartition, Long> endOffsets() {
        Map<TopicPartition, Long> end = new HashMap<>();
        try (Consumer<?, ?> consumer = consumers.createConsumer("analytics-rebuild-" + UUID.randomUUID(),
                "analytics-rebuild-offsets", null, noCommits())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : AnalyticsStream.TOPICS) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            end.putAll(consumer.endOffsets(partitions, Duration.ofSeconds(10)));
        }
        return end;
    }

    private void prepare() {
        batch.executeWithoutResult(status -> {
            jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            jdbc.execute("CREATE SCHEMA " + SCHEMA);
            for (String table : SWAPPED) {
                jdbc.execute("CREATE TABLE " + SCHEMA + "." + table + " (LIKE public." + table + " INCLUDING ALL)");
            }
        });
    }

    /**
     * Replays the partitions on {@code workers} threads, each with its own consumer and transactions. Partition p of
     * every topic goes to worker p mod workers: the topics are keyed alike (ticket id, agent id, customer id), so one
     * ticket's events stay on one worker and workers share only the aggregates, which {@link Sums} writes at commit in
     * one lock order.
     */
    private long[] replay(Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> pending = new HashMap<>(end);
        pending.values().removeIf(offset -> offset == 0);
        Map<Integer, Map<TopicPartition, Long>> shares = new HashMap<>();
        pending.forEach((partition, stop) -> shares.computeIfAbsent(partition.partition() % workers,
                w -> new HashMap<>()).put(partition, stop));
        if (shares.isEmpty()) {
            return new long[] {0, 0};
        }
        ExecutorService pool = Executors.newFixedThreadPool(shares.size(), Thread.ofPlatform()
                .name("analytics-rebuild-", 0).factory());
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (Map<TopicPartition, Long> share : shares.values()) {
                results.add(pool.submit(() -> replayShare(share)));
            }
            long[] total = {0, 0};
            for (Future<long[]> result : results) {
                long[] counts = result.get();
                total[0] += counts[0];
                total[1] += counts[1];
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rebuild interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private long[] replayShare(Map<TopicPartition, Long> share) {
        long events = 0;
        long skipped = 0;
        Map<TopicPartition, Long> pending = new HashMap<>(share);
        try (Consumer<?, ?> consumer = consumers.createConsumer("analytics-rebuild-" + UUID.randomUUID(),
                "analytics-rebuild", null, noCommits())) {
            consumer.assign(pending.keySet());
            consumer.seekToBeginning(pending.keySet());
            while (!pending.isEmpty()) {
                List<ConsumerRecord<String, String>> records = new ArrayList<>();
                for (ConsumerRecord<?, ?> any : consumer.poll(Duration.ofMillis(500))) {
                    Long stop = pending.get(new TopicPartition(any.topic(), any.partition()));
                    if (stop != null && any.offset() < stop) {
                        @SuppressWarnings("unchecked")
                        ConsumerRecord<String, String> record = (ConsumerRecord<String, String>) any;
                        records.add(record);
                    }
                }
                long[] counts = applyRetrying(records);
                events += counts[0];
                skipped += counts[1];
                for (TopicPartition partition : new ArrayList<>(pending.keySet())) {
                    if (consumer.position(partition) >= pending.get(partition)) {
                        pending.remove(partition);
                        consumer.pause(List.of(partition));
                    }
                }
            }
        }
        return new long[] {events, skipped};
    }

    /** A batch that lost a deadlock or a lock wait to another worker is rolled back and applied again. */
    private long[] applyRetrying(List<ConsumerRecord<String, String>> records) {
        for (int attempt = 1;; attempt++) {
            try {
                return apply(records);
            } catch (TransientDataAccessException e) {
                if (attempt == 5) {
                    throw e;
                }
                log.info("Rebuild batch of {} records retried after {}", records.size(), e.getMessage());
            }
        }
    }

    /**
     * One transaction for the batch, without a savepoint per record (the aggregates are written once, at commit).
     * If a record fails, the batch is rolled back and applied again record by record under savepoints, skipping
     * the ones that fail: live processing parked them on the dead-letter topic, so they have no effect there either.
     */
    private long[] apply(List<ConsumerRecord<String, String>> records) {
        if (records.isEmpty()) {
            return new long[] {0, 0};
        }
        try {
            return batch.execute(status -> {
                jdbc.execute("SET LOCAL search_path TO " + SCHEMA + ", public");
                records.forEach(stream::handle);
                return new long[] {records.size(), 0};
            });
        } catch (TransientDataAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            log.debug("Rebuild batch has a failing record ({}): applying it record by record", e.getMessage());
        }
        return batch.execute(status -> {
            jdbc.execute("SET LOCAL search_path TO " + SCHEMA + ", public");
            long applied = 0;
            long failed = 0;
            for (ConsumerRecord<String, String> record : records) {
                try {
                    nested.executeWithoutResult(savepoint -> {
                        stream.handle(record);
                        sums.flush();
                    });
                    applied++;
                } catch (TransientDataAccessException e) {
                    throw e;
                } catch (RuntimeException e) {
                    sums.discard();
                    log.warn("Rebuild skips {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                            e.getMessage());
                    failed++;
                }
            }
            return new long[] {applied, failed};
        });
    }

    private void swap() {
        batch.executeWithoutResult(status -> {
            for (String table : SWAPPED) {
                jdbc.execute("DROP TABLE public." + table);
                jdbc.execute("ALTER TABLE " + SCHEMA + "." + table + " SET SCHEMA public");
            }
        });
    }

    private static Properties noCommits() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                "org.apache.kafka.common.serialization.StringDeserializer");
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                "org.apache.kafka.common.serialization.StringDeserializer");
        return properties;
    }
}
