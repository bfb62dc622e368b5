package com.quimbi.crm.sla.clock;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.quimbi.crm.contracts.sla.SlaBreached;
import com.quimbi.crm.contracts.sla.SlaMetric;
import com.quimbi.crm.contracts.sla.SlaWarning;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the SLA engine owes against what it has done: {@code crm_sla_checks_due} clocks whose check moment has
 * passed and {@code crm_sla_checks_oldest_due_seconds} how late the oldest is (a scheduler that keeps up holds both
 * near 0), {@code crm_sla_checks_processed_total}, and {@code crm_sla_breaches_total} /
 * {@code crm_sla_warnings_total} by metric, counted when their transaction commits.
 */
@Component
public class SlaEngineMetrics {

    private static final Logger log = LoggerFactory.getLogger(SlaEngineMetrics.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MeterRegistry registry;
    private volatile double due;
    private volatile double oldestDueSeconds;

    SlaEngineMetrics(JdbcTemplate jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.registry = registry;
        Gauge.builder("crm_sla_checks_due", () -> due)
                .description("SLA clocks whose check moment has passed and that no scheduler has handled yet")
                .register(registry);
        Gauge.builder("crm_sla_checks_oldest_due_seconds", () -> oldestDueSeconds).baseUnit("seconds")
                .description("How long the oldest pending SLA check is past its moment").register(registry);
        // counters exist from the start, so rate() and increase() see their first event
        for (SlaMetric metric : SlaMetric.values()) {
            registry.counter("crm_sla_breaches", "metric", metric.name().toLowerCase(Locale.ROOT));
            registry.counter("crm_sla_warnings", "metric", metric.name().toLowerCase(Locale.ROOT));
        }
        registry.counter("crm_sla_checks_processed");
    }

    @Scheduled(fixedDelayString = "${crm.sla.metrics-interval:10s}")
    void measure() {
        Instant now = Instant.now(clock);
        try {
            Map<String, Object> row = jdbc.queryForMap("SELECT count(*) AS due, min(next_check_at) AS oldest "
                    + "FROM sla_clock WHERE next_check_at <= ?", Timestamp.from(now));
            due = ((Number) row.get("due")).doubleValue();
            oldestDueSeconds = row.get("oldest") instanceof Timestamp oldest
                    ? Math.max(0, (now.toEpochMilli() - oldest.toInstant().toEpochMilli()) / 1000.0)
                    : 0;
        } catch (DataAccessException e) {
            log.debug("Could not measure the SLA engine's backlog: {}", e.toString());
        }
    }

    void processed() {
        registry.counter("crm_sla_checks_processed").increment();
    }

    /** Counts a published warning or breach once its transaction has committed (a rollback publishes nothing). */
    void published(Object event) {
        String name;
        String metric;
        if (event instanceof SlaBreached breached) {
            name = "crm_sla_breaches";
            metric = breached.metric().name();
        } else if (event instanceof SlaWarning warning) {
            name = "crm_sla_warnings";
            metric = warning.metric().name();
        } else {
            return;
        }
        Runnable count = () -> registry.counter(name, "metric", metric.toLowerCase(Locale.ROOT)).increment();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else {
            count.run();
        }
    }
}
