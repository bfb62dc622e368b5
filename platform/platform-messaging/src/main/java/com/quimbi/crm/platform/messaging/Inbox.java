package com.quimbi.crm.platform.messaging;

import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The processed-events table. Call {@link #tryMarkProcessed} first, in the same transaction as the side
 * effects: {@code false} means the event was handled before and must be skipped.
 */
public class Inbox {

    private final JdbcTemplate jdbc;

    public Inbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public boolean tryMarkProcessed(String consumerGroup, UUID eventId) {
        return jdbc.update("""
                INSERT INTO processed_message (consumer_group, message_id) VALUES (?, ?)
                ON CONFLICT DO NOTHING""", consumerGroup, eventId) == 1;
    }
}
