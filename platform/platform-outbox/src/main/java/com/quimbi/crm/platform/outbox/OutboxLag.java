package com.quimbi.crm.platform.outbox;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How far the outbox relay (Debezium, through the service's replication slot) trails the service, measured from the
 * service's side so that it still reports when Connect is down:
 * <ul>
 * <li>{@code crm_outbox_unrelayed_age_seconds}: age of the oldest outbox row the slot has not confirmed yet (0 when
 * everything written has been relayed);</li>
 * <li>{@code crm_outbox_slot_lag_bytes}: WAL written since the slot's confirmed position;</li>
 * <li>{@code crm_outbox_slot_active}: 1 while a relay is connected to the slot, 0 when it is not or the slot is
 * missing.</li>
 * </ul>
 * A row's own WAL position is not stored, so each round samples the current WAL position with the time; the slot's
 * confirmed position then dates the relay: rows that occurred after the newest sample the slot has passed may be
 * unrelayed. The estimate errs old by at most one round plus Connect's offset flush (1 s).
 */
public class OutboxLag {

    private static final Logger log = LoggerFactory.getLogger(OutboxLag.class);
    /** Samples kept: an hour at the default 5 s rounds; older relay lag is reported as at least that old. */
    private static final int SAMPLES = 720;

    private final JdbcTemplate jdbc;
    private final String slot;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private volatile double unrelayedAgeSeconds;
    private volatile double slotLagBytes;
    private volatile double slotActive;

    record Sample(Instant at, long lsn) {
    }

    public OutboxLag(JdbcTemplate jdbc, String slot, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.slot = slot;
        Gauge.builder("crm_outbox_unrelayed_age_seconds", () -> unrelayedAgeSeconds)
                .description("Age of the oldest outbox row the relay has not confirmed").baseUnit("seconds")
                .register(registry);
        Gauge.builder("crm_outbox_slot_lag_bytes", () -> slotLagBytes)
                .description("WAL written since the outbox slot's confirmed position").baseUnit("bytes")
                .register(registry);
        Gauge.builder("crm_outbox_slot_active", () -> slotActive)
                .description("1 while the outbox relay is connected to the service's replication slot")
                .register(registry);
    }

    /** The replication slot Debezium uses for a service: {@code ticket-service} → {@code ticket_service_outbox}. */
    public static String slotOf(String applicationName) {
        return applicationName.replace('-', '_') + "_outbox";
    }

    @Scheduled(fixedDelayString = "${crm.outbox.lag-interval}")
    public void measure() {
        try {
            Map<String, Object> now = jdbc.queryForMap("SELECT clock_timestamp() AS at, pg_current_wal_lsn()::text AS lsn, "
                    + "s.confirmed_flush_lsn::text AS confirmed, s.active, "
                    + "pg_wal_lsn_diff(pg_current_wal_lsn(), s.confirmed_flush_lsn) AS behind "
                    + "FROM (SELECT 1) one LEFT JOIN pg_replication_slots s ON s.slot_name = ?", slot);
            Instant at = ((Timestamp) now.get("at")).toInstant();
            record(new Sample(at, lsn((String) now.get("lsn"))));
            String confirmed = (String) now.get("confirmed");
            slotActive = Boolean.TRUE.equals(now.get("active")) ? 1 : 0;
            slotLagBytes = now.get("behind") instanceof Number behind ? behind.doubleValue() : 0;
            Instant relayedUpTo = relayedUpTo(confirmed == null ? -1 : lsn(confirmed));
            Double age = jdbc.queryForObject("SELECT extract(epoch FROM ? - min(occurredat)) FROM outbox "
                    + "WHERE occurredat > ?", Double.class, Timestamp.from(at), Timestamp.from(relayedUpTo));
            unrelayedAgeSeconds = age == null ? 0 : Math.max(0, age);
        } catch (DataAccessException e) {
            log.debug("Could not measure the outbox relay lag: {}", e.toString());
        }
    }

    synchronized void record(Sample sample) {
        samples.addLast(sample);
        while (samples.size() > SAMPLES) {
            samples.removeFirst();
        }
    }

    /** The time of the newest sample the slot has passed; the oldest sample's when it has passed none. */
    synchronized Instant relayedUpTo(long confirmedLsn) {
        Instant upTo = samples.getFirst().at().minus(Duration.ofMillis(1));
        for (Sample sample : samples) {
            if (sample.lsn() <= confirmedLsn) {
                upTo = sample.at();
            }
        }
        return upTo;
    }

    /** {@code 16/B374D848} → its 64-bit WAL position. */
    static long lsn(String text) {
        int slash = text.indexOf('/');
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }
}
