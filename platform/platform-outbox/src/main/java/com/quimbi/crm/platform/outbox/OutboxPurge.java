package com.quimbi.crm.platform.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/** Deletes relayed outbox rows past their retention; Debezium reads the WAL, not the table. */
public class OutboxPurge {

    private static final Logger log = LoggerFactory.getLogger(OutboxPurge.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;

    public OutboxPurge(JdbcTemplate jdbc, Clock clock, Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(fixedDelayString = "${crm.outbox.purge-interval}", initialDelayString = "${crm.outbox.purge-interval}")
    public int purge() {
        int deleted = jdbc.update("DELETE FROM outbox WHERE occurredat < ?",
                Timestamp.from(Instant.now(clock).minus(retention)));
        if (deleted > 0) {
            log.info("Purged {} outbox rows older than {}", deleted, retention);
        }
        return deleted;
    }
}
