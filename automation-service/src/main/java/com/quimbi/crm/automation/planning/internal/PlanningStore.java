package com.quimbi.crm.automation.planning.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** rule_ticket (the ticket read model), rule_due (next due moments) and rule_firing (the firing limit). */
@Repository
public class PlanningStore {

    public record RuleTicket(UUID ticketId, String status, String priority, List<String> tags, Instant statusSince,
            boolean deleted) {
    }

    public record Due(UUID ticketId, UUID ruleId, Instant dueAt) {
    }

    public record Firing(int firings, Instant lastFiredAt) {
    }

    private final JdbcTemplate jdbc;

    PlanningStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The ticket row, locked: a ticket's events and its firings are serialised. */
    public Optional<RuleTicket> lockTicket(UUID ticketId) {
        return jdbc.query("SELECT ticket_id, status, priority, tags, status_since, deleted FROM rule_ticket "
                + "WHERE ticket_id = ? FOR UPDATE", (rs, i) -> new RuleTicket(rs.getObject(1, UUID.class),
                        rs.getString(2), rs.getString(3), List.of((String[]) rs.getArray(4).getArray()),
                        rs.getTimestamp(5).toInstant(), rs.getBoolean(6)), ticketId).stream().findFirst();
    }

    public void upsertTicket(RuleTicket t) {
        jdbc.update("INSERT INTO rule_ticket (ticket_id, status, priority, tags, status_since, deleted) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id) DO UPDATE SET status = EXCLUDED.status, "
                + "priority = EXCLUDED.priority, tags = EXCLUDED.tags, status_since = EXCLUDED.status_since, "
                + "deleted = EXCLUDED.deleted",
                t.ticketId(), t.status(), t.priority(), t.tags().toArray(String[]::new),
                Timestamp.from(t.statusSince()), t.deleted());
    }

    /** Tickets that rules may still act on (closed ones never change again). */
    public List<UUID> activeTickets() {
        return jdbc.queryForList("SELECT ticket_id FROM rule_ticket WHERE NOT deleted AND status <> 'closed'", UUID.class);
    }

    public void clearDue(UUID ticketId) {
        jdbc.update("DELETE FROM rule_due WHERE ticket_id = ?", ticketId);
    }

    public void putDue(UUID ticketId, UUID ruleId, Instant dueAt) {
        jdbc.update("INSERT INTO rule_due (ticket_id, rule_id, due_at) VALUES (?, ?, ?) ON CONFLICT (ticket_id, rule_id) "
                + "DO UPDATE SET due_at = EXCLUDED.due_at", ticketId, ruleId, Timestamp.from(dueAt));
    }

    public List<Due> dueOf(UUID ticketId) {
        return jdbc.query("SELECT ticket_id, rule_id, due_at FROM rule_due WHERE ticket_id = ? ORDER BY due_at",
                (rs, i) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant()), ticketId);
    }

    /**
     * The earliest due row whose ticket nobody else holds, removed, with its ticket row locked (the firing re-plans
     * what is left). The ticket row is locked first, as the event consumer does, so the two never deadlock.
     */
    public Optional<Due> takeNextDue(Instant now) {
        Optional<Due> due = jdbc.query("SELECT d.ticket_id, d.rule_id, d.due_at FROM rule_due d "
                + "JOIN rule_ticket t ON t.ticket_id = d.ticket_id WHERE d.due_at <= ? "
                + "ORDER BY d.due_at LIMIT 1 FOR UPDATE OF t SKIP LOCKED", (rs, i) -> new Due(rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant()), Timestamp.from(now))
                .stream().findFirst();
        due.ifPresent(d -> jdbc.update("DELETE FROM rule_due WHERE ticket_id = ? AND rule_id = ?", d.ticketId(), d.ruleId()));
        return due;
    }

    public Optional<Firing> firing(UUID ticketId, UUID ruleId) {
        return jdbc.query("SELECT firings, last_fired_at FROM rule_firing WHERE ticket_id = ? AND rule_id = ?",
                (rs, i) -> new Firing(rs.getInt(1), rs.getTimestamp(2).toInstant()), ticketId, ruleId)
                .stream().findFirst();
    }

    public Map<UUID, Integer> firingsOf(UUID ruleId) {
        Map<UUID, Integer> firings = new HashMap<>();
        jdbc.query("SELECT ticket_id, firings FROM rule_firing WHERE rule_id = ?", rs -> {
            firings.put(rs.getObject(1, UUID.class), rs.getInt(2));
        }, ruleId);
        return firings;
    }

    public void fired(UUID ticketId, UUID ruleId, Instant at) {
        jdbc.update("INSERT INTO rule_firing (ticket_id, rule_id, firings, last_fired_at) VALUES (?, ?, 1, ?) "
                + "ON CONFLICT (ticket_id, rule_id) DO UPDATE SET firings = rule_firing.firings + 1, "
                + "last_fired_at = EXCLUDED.last_fired_at", ticketId, ruleId, Timestamp.from(at));
    }
}
