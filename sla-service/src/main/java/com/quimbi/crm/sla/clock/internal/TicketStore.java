package com.quimbi.crm.sla.clock.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.sla.clock.HistoryEvent;
import com.quimbi.crm.sla.policy.Metric;
import com.quimbi.crm.sla.policy.TicketAttributes;

/** sla-service's view of tickets and their clock-relevant history. */
@Repository
public class TicketStore {

    private final JdbcTemplate jdbc;

    TicketStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The ticket's row, created empty if events about it arrive first, locked until the transaction ends. */
    public TicketRow lock(UUID ticketId, Instant now) {
        jdbc.update("INSERT INTO sla_ticket (ticket_id, updated_at) VALUES (?, ?) ON CONFLICT (ticket_id) DO NOTHING",
                ticketId, Timestamp.from(now));
        return jdbc.queryForObject("SELECT * FROM sla_ticket WHERE ticket_id = ? FOR UPDATE", this::row, ticketId);
    }

    public Optional<TicketRow> find(UUID ticketId) {
        return jdbc.query("SELECT * FROM sla_ticket WHERE ticket_id = ?", this::row, ticketId).stream().findFirst();
    }

    /**
     * Locks one ticket that has a clock due at {@code now} (the earliest due first), skipping tickets another
     * scheduler thread, instance or consumer holds: several schedulers share the work without waiting for or
     * doubling each other. A ticket with several due clocks is one ticket. The caller must read the ticket's clocks
     * again after this (a ticket another thread finished a moment ago can still come back here; its clock rows,
     * read under the lock, then show what was already published).
     */
    public Optional<UUID> lockNextDue(Instant now) {
        // LIMIT applies above the row locks: Postgres walks the due index until it gets a lock it does not skip
        return jdbc.queryForList("""
                SELECT t.ticket_id FROM sla_clock c JOIN sla_ticket t ON t.ticket_id = c.ticket_id
                WHERE c.next_check_at <= ?
                ORDER BY c.next_check_at, c.ticket_id
                LIMIT 1
                FOR UPDATE OF t SKIP LOCKED""", UUID.class, Timestamp.from(now)).stream().findFirst();
    }

    public void save(TicketRow t) {
        jdbc.update("""
                UPDATE sla_ticket SET number = ?, priority = ?, channel = ?, status = ?, category = ?, customer_tier = ?,
                  tags = ?::text[], created_at = ?, deleted = ?, policy_id = ?, published_metric = ?, published_deadline = ?,
                  published_state = ?, updated_at = ?
                WHERE ticket_id = ?""", t.number(), t.priority(), t.channel(), t.status(), t.category(), t.customerTier(),
                textArray(t.tags()), ts(t.createdAt()), t.deleted(), t.policyId(),
                t.publishedMetric() == null ? null : t.publishedMetric().toString(), ts(t.publishedDeadline()),
                t.publishedState(), ts(t.updatedAt()), t.ticketId());
    }

    public void append(UUID ticketId, HistoryEvent event, UUID eventId) {
        jdbc.update("INSERT INTO sla_ticket_event (ticket_id, kind, at, status, event_id) VALUES (?, ?, ?, ?, ?)",
                ticketId, event.kind().name(), Timestamp.from(event.at()), event.status(), eventId);
    }

    /** In arrival order, which is the ticket's order on its Kafka partition. */
    public List<HistoryEvent> history(UUID ticketId) {
        return jdbc.query("SELECT kind, at, status FROM sla_ticket_event WHERE ticket_id = ? ORDER BY id",
                (rs, n) -> new HistoryEvent(HistoryEvent.Kind.valueOf(rs.getString("kind")),
                        rs.getTimestamp("at").toInstant(), rs.getString("status")), ticketId);
    }

    private TicketRow row(ResultSet rs, int n) throws SQLException {
        String metric = rs.getString("published_metric");
        return new TicketRow(rs.getObject("ticket_id", UUID.class), rs.getString("number"), rs.getString("priority"),
                rs.getString("channel"), rs.getString("status"), rs.getString("category"), rs.getString("customer_tier"),
                Arrays.asList((String[]) rs.getArray("tags").getArray()), instant(rs, "created_at"), rs.getBoolean("deleted"),
                rs.getObject("policy_id", UUID.class), metric == null ? null : Metric.fromWire(metric),
                instant(rs, "published_deadline"), rs.getString("published_state"), instant(rs, "updated_at"));
    }

    static String textArray(List<String> values) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ",").append('"')
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append('}').toString();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    /** A ticket as sla-service knows it, plus what it last published as the ticket's sla.clock_updated. */
    public record TicketRow(UUID ticketId, String number, String priority, String channel, String status,
            String category, String customerTier, List<String> tags, Instant createdAt, boolean deleted, UUID policyId,
            Metric publishedMetric, Instant publishedDeadline, String publishedState, Instant updatedAt) {

        public TicketAttributes attributes() {
            return new TicketAttributes(priority, channel, customerTier, category, tags);
        }

        public TicketRow with(String number, String priority, String channel, String status, String category,
                String customerTier, List<String> tags, Instant createdAt, boolean deleted, Instant updatedAt) {
            return new TicketRow(ticketId, number, priority, channel, status, category, customerTier, List.copyOf(tags),
                    createdAt, deleted, policyId, publishedMetric, publishedDeadline, publishedState, updatedAt);
        }

        public TicketRow published(UUID policyId, Metric metric, Instant deadline, String state) {
            return new TicketRow(ticketId, number, priority, channel, status, category, customerTier, tags, createdAt,
                    deleted, policyId, metric, deadline, state, updatedAt);
        }
    }
}
