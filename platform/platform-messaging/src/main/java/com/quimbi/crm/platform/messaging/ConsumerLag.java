package com.quimbi.crm.platform.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * The service's consumer group lag per partition, as the broker sees it (end offset minus committed offset), in
 * {@code crm_consumer_lag_records{group, topic, partition}}. Read from the broker rather than from the consumer's own
 * fetch metrics because those vanish exactly when it matters: when the listener is stuck or the process is gone, the
 * committed offsets stand still while the end offsets grow. Partitions per topic are fixed, so the series stay
 * bounded. {@code crm_consumer_lag_read_failures_total} counts rounds the broker did not answer.
 */
public class ConsumerLag implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);

    private final Map<String, Object> adminConfig;
    private final String group;
    private final Duration interval;
    private final MultiGauge lag;
    private final MeterRegistry registry;
    private ScheduledExecutorService rounds;
    private Admin admin;

    public ConsumerLag(Map<String, Object> adminConfig, String group, Duration interval, MeterRegistry registry) {
        this.adminConfig = adminConfig;
        this.group = group;
        this.interval = interval;
        this.registry = registry;
        this.lag = MultiGauge.builder("crm_consumer_lag_records")
                .description("Records on a partition the service's consumer group has not committed yet")
                .baseUnit("records").register(registry);
    }

    /** One round: committed offsets of the group against the partitions' end offsets. */
    Map<TopicPartition, Long> read() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> lags = new HashMap<>();
        committed.forEach((partition, offset) -> {
            ListOffsetsResultInfo end = ends.get(partition);
            if (offset != null && end != null) {
                lags.put(partition, Math.max(0, end.offset() - offset.offset()));
            }
        });
        return lags;
    }

    private void round() {
        try {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            read().forEach((partition, records) -> rows.add(MultiGauge.Row.of(Tags.of("group", group, "topic",
                    partition.topic(), "partition", Integer.toString(partition.partition())), records)));
            lag.register(rows, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the broker being away is an alert of its own; here it only means no fresh numbers this round
            registry.counter("crm_consumer_lag_read_failures", "group", group).increment();
            log.debug("Could not read the lag of consumer group {}: {}", group, e.toString());
        }
    }

    @Override
    public void start() {
        admin = Admin.create(adminConfig);
        rounds = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("consumer-lag").daemon()
                .factory());
        rounds.scheduleWithFixedDelay(this::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (rounds != null) {
            rounds.shutdownNow();
            rounds = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }

    @Override
    public boolean isRunning() {
        return rounds != null;
    }
}
