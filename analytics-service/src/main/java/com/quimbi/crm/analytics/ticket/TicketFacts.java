package com.quimbi.crm.analytics.ticket;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.ticket.Channel;
import com.quimbi.crm.contracts.ticket.TicketPriority;
import com.quimbi.crm.contracts.ticket.TicketStatus;

/** One row per ticket seen on the stream, kept as the stream describes it. */
@Repository
public class TicketFacts {

    private final JdbcTemplate jdbc;

    TicketFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Idempotent by design too: a ticket already known is left as it is. Stored (and counted) by wire name. */
    @Transactional
    public void recordCreated(UUID ticketId, TicketStatus status, TicketPriority priority, Channel channel,
            Instant createdAt) {
        jdbc.update("""
                INSERT INTO ticket_fact (ticket_id, status, priority, channel, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id) DO NOTHING""",
                ticketId, wire(status), wire(priority), wire(channel), Timestamp.from(createdAt),
                Timestamp.from(createdAt));
    }

    @Transactional(readOnly = true)
    public TicketSummary summary() {
        Map<String, Long> byStatus = countBy("status");
        Map<String, Long> byChannel = countBy("channel");
        Map<String, Long> byPriority = countBy("priority");
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return new TicketSummary(total, byStatus, byChannel, byPriority);
    }

    private static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private Map<String, Long> countBy(String column) {
        Map<String, Long> counts = new LinkedHashMap<>();
        // column is one of three constants above, never user input
        jdbc.query("SELECT " + column + ", count(*) FROM ticket_fact GROUP BY 1 ORDER BY 1",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }
}
