package com.quimbi.crm.automation.eventrules.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.automation.eventrules.TicketFacts;

/**
 * The event-rule side of the ticket read model (rule_ticket's extra columns, ticket_enrichment), the firing limit
 * (event_rule_firing), firings waiting for ticket-service (event_rule_run) and the auto-reply window.
 */
@Repository
public class FiringStore {

    /** A firing decided in an event's transaction, to be done on ticket-service. */
    public record Run(UUID ruleId, UUID ticketId, int firing, String trigger, boolean autoReply, List<String> stepsDone) {
    }

    /** ticket.updated fields kept here, by their name on the wire → column. */
    private static final Map<String, String> CHANGEABLE = Map.of("subject", "subject", "channel", "channel",
            "language", "language", "category", "category", "customerId", "customer_id",
            "customerEmail", "customer_email");

    private static final int MAX_TEXT = 10_000;

    private static final String FACTS = "SELECT t.ticket_id, t.status, t.priority, t.channel, t.tags, t.category, "
            + "t.language, e.tier, e.churn_risk, t.subject, t.last_text, t.customer_email, "
            + "(SELECT count(*) FROM rule_ticket p WHERE p.customer_id = t.customer_id AND p.created_at < t.created_at), "
            + "t.status_since FROM rule_ticket t LEFT JOIN ticket_enrichment e ON e.ticket_id = t.ticket_id ";

    private final JdbcTemplate jdbc;

    FiringStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Fills a new ticket's facts once: false when they were already there (a replayed creation). */
    public boolean created(UUID ticketId, String channel, String language, String subject, String text,
            UUID customerId, String customerEmail, Instant createdAt) {
        return jdbc.update("UPDATE rule_ticket SET channel = ?, language = ?, subject = ?, last_text = ?, "
                + "customer_id = ?, customer_email = ?, created_at = ? WHERE ticket_id = ? AND created_at IS NULL",
                channel, language, subject, clip(text), customerId, customerEmail, Timestamp.from(createdAt),
                ticketId) > 0;
    }

    /** The fields of a ticket.updated this model keeps (others are ignored). */
    public void changed(UUID ticketId, Map<String, Object> values) {
        values.forEach((field, value) -> {
            String column = CHANGEABLE.get(field);
            if (column != null) {
                jdbc.update("UPDATE rule_ticket SET " + column + " = ?" + (column.equals("customer_id") ? "::uuid" : "")
                        + " WHERE ticket_id = ?", value == null ? null : String.valueOf(value), ticketId);
            }
        });
    }

    public void lastText(UUID ticketId, String text) {
        jdbc.update("UPDATE rule_ticket SET last_text = ? WHERE ticket_id = ?", clip(text), ticketId);
    }

    /** The latest enrichment per ticket wins (an older one arriving late is ignored). */
    public void enriched(UUID ticketId, String tier, String churnRisk, Instant at) {
        jdbc.update("INSERT INTO ticket_enrichment (ticket_id, tier, churn_risk, enriched_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (ticket_id) DO UPDATE SET tier = EXCLUDED.tier, churn_risk = EXCLUDED.churn_risk, "
                + "enriched_at = EXCLUDED.enriched_at WHERE ticket_enrichment.enriched_at <= EXCLUDED.enriched_at",
                ticketId, tier, churnRisk, Timestamp.from(at));
    }

    /** The ticket's facts, its row locked (events of one ticket and its firings are serialised); none when deleted. */
    public Optional<TicketFacts> lockFacts(UUID ticketId, String text) {
        return jdbc.query(FACTS + "WHERE t.ticket_id = ? AND NOT t.deleted FOR UPDATE OF t",
                (rs, i) -> facts(rs, text), ticketId).stream().findFirst();
    }

    /** Open tickets (not closed, not deleted) for a dry run, with the newest text kept. */
    public List<TicketFacts> openTickets() {
        return jdbc.query(FACTS + "WHERE NOT t.deleted AND t.status <> 'closed' ORDER BY t.ticket_id",
                (rs, i) -> facts(rs, null));
    }

    public Map<UUID, Integer> firings(UUID ticketId) {
        Map<UUID, Integer> firings = new HashMap<>();
        jdbc.query("SELECT rule_id, firings FROM event_rule_firing WHERE ticket_id = ?",
                rs -> {
                    firings.put(rs.getObject(1, UUID.class), rs.getInt(2));
                }, ticketId);
        return firings;
    }

    /** How often {@code ruleId} fired, by ticket (for a dry run). */
    public Map<UUID, Integer> firingsOf(UUID ruleId) {
        Map<UUID, Integer> firings = new HashMap<>();
        jdbc.query("SELECT ticket_id, firings FROM event_rule_firing WHERE rule_id = ?",
                rs -> {
                    firings.put(rs.getObject(1, UUID.class), rs.getInt(2));
                }, ruleId);
        return firings;
    }

    /** Counts a firing and returns its number (1 for the first). */
    public int fired(UUID ticketId, UUID ruleId, Instant at) {
        return jdbc.queryForObject("INSERT INTO event_rule_firing (ticket_id, rule_id, firings, last_fired_at) "
                + "VALUES (?, ?, 1, ?) ON CONFLICT (ticket_id, rule_id) DO UPDATE SET "
                + "firings = event_rule_firing.firings + 1, last_fired_at = EXCLUDED.last_fired_at RETURNING firings",
                Integer.class, ticketId, ruleId, Timestamp.from(at));
    }

    /**
     * Takes the customer's auto-reply slot when the last one is at least {@code window} ago (or none was sent): one
     * statement, so two tickets of one customer at the same moment cannot both take it.
     */
    public boolean takeAutoReply(String customerEmail, Instant now, Duration window) {
        return !jdbc.queryForList("INSERT INTO auto_reply (customer_email, sent_at) VALUES (lower(?), ?) "
                + "ON CONFLICT (customer_email) DO UPDATE SET sent_at = EXCLUDED.sent_at "
                + "WHERE auto_reply.sent_at <= ? RETURNING customer_email", String.class, customerEmail,
                Timestamp.from(now), Timestamp.from(now.minus(window))).isEmpty();
    }

    public void addRun(Run run, Instant at) {
        jdbc.update("INSERT INTO event_rule_run (rule_id, ticket_id, firing, trigger, auto_reply, due_at, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", run.ruleId(), run.ticketId(), run.firing(), run.trigger(),
                run.autoReply(), Timestamp.from(at), Timestamp.from(at));
    }

    /** The oldest due run nobody else holds, locked until the transaction ends. */
    public Optional<Run> takeNextRun(Instant now) {
        return jdbc.query("SELECT rule_id, ticket_id, firing, trigger, auto_reply, steps_done FROM event_rule_run "
                + "WHERE due_at <= ? ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED", this::run, Timestamp.from(now))
                .stream().findFirst();
    }

    public void stepDone(Run run, String step) {
        jdbc.update("UPDATE event_rule_run SET steps_done = array_append(steps_done, ?) WHERE rule_id = ? "
                + "AND ticket_id = ? AND firing = ?", step, run.ruleId(), run.ticketId(), run.firing());
    }

    public void retryAt(Run run, Instant at) {
        jdbc.update("UPDATE event_rule_run SET due_at = ? WHERE rule_id = ? AND ticket_id = ? AND firing = ?",
                Timestamp.from(at), run.ruleId(), run.ticketId(), run.firing());
    }

    public void done(Run run) {
        jdbc.update("DELETE FROM event_rule_run WHERE rule_id = ? AND ticket_id = ? AND firing = ?", run.ruleId(),
                run.ticketId(), run.firing());
    }

    private Run run(ResultSet rs, int row) throws SQLException {
        return new Run(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3), rs.getString(4),
                rs.getBoolean(5), List.of((String[]) rs.getArray(6).getArray()));
    }

    private static TicketFacts facts(ResultSet rs, String text) throws SQLException {
        return new TicketFacts(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                List.of((String[]) rs.getArray(5).getArray()), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getString(10), text == null ? rs.getString(11) : text, rs.getString(12),
                rs.getInt(13), rs.getTimestamp(14).toInstant());
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
