package com.quimbi.crm.assignment.ticket;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ticket read model and the unassigned queue (tickets with {@code waiting_since} set). A ticket's row lock
 * is taken before anything about its assignment changes, so only one transaction at a time decides its fate.
 */
@Repository
public class Tickets {

    private static final String COLUMNS = """
            id, number, subject, status, priority, channel, customer_id, language, tags, category, customer_tier,
            churn_risk, churn_risk_level, created_at, deleted, waiting_since, waiting_reason, returned_by, sla_state, sla_next_deadline""";
    private static final String RANKS = "sla_breach_rank, sla_deadline_key, value_rank, urgency_rank, ";

    private final JdbcClient jdbc;

    Tickets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** ticket.created: the ticket's own fields (enrichment may already be there). */
    public void saveCreated(UUID id, String number, String subject, String status, String priority, String channel,
            UUID customerId, String language, List<String> tags, Instant createdAt) {
        jdbc.sql("""
                INSERT INTO ticket (id, number, subject, status, priority, channel, customer_id, language, tags,
                  created_at, updated_at)
                VALUES (:id, :number, :subject, :status, :priority, :channel, :customer, :language, :tags, :createdAt, now())
                ON CONFLICT (id) DO UPDATE SET number = EXCLUDED.number, subject = EXCLUDED.subject,
                  status = EXCLUDED.status, priority = EXCLUDED.priority, channel = EXCLUDED.channel,
                  customer_id = EXCLUDED.customer_id, language = EXCLUDED.language, tags = EXCLUDED.tags,
                  created_at = EXCLUDED.created_at, updated_at = now()""")
                .param("id", id).param("number", number).param("subject", subject).param("status", status)
                .param("priority", priority).param("channel", channel).param("customer", customerId)
                .param("language", language).param("tags", tags == null ? new String[0] : tags.toArray(String[]::new))
                .param("createdAt", Timestamp.from(createdAt)).update();
    }

    /** ticket.updated: only the routing-relevant fields this service keeps; null values clear them. */
    public void applyChanges(UUID id, Map<String, Object> changes) {
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            String column = switch (change.getKey()) {
                case "subject" -> "subject";
                case "priority" -> "priority";
                case "channel" -> "channel";
                case "language" -> "language";
                case "category" -> "category";
                case "customerId" -> "customer_id";
                case "tags" -> "tags";
                default -> null;
            };
            if (column == null) {
                continue;
            }
            Object value = change.getValue();
            if (column.equals("customer_id") && value != null) {
                value = UUID.fromString(value.toString());
            } else if (column.equals("tags")) {
                value = value instanceof List<?> list ? list.stream().map(String::valueOf).toArray(String[]::new) : new String[0];
            }
            jdbc.sql("UPDATE ticket SET " + column + " = ?, updated_at = now() WHERE id = ?").params(value, id).update();
        }
    }

    /** enrichment.ticket_enriched: the latest wins. */
    public void saveEnrichment(UUID id, UUID customerId, String category, String customerTier, double churnRisk,
            String churnRiskLevel) {
        jdbc.sql("""
                INSERT INTO ticket (id, customer_id, category, customer_tier, churn_risk, churn_risk_level, updated_at)
                VALUES (:id, :customer, :category, :tier, :churn, :churnLevel, now())
                ON CONFLICT (id) DO UPDATE SET customer_id = COALESCE(ticket.customer_id, EXCLUDED.customer_id),
                  category = EXCLUDED.category, customer_tier = EXCLUDED.customer_tier,
                  churn_risk = EXCLUDED.churn_risk, churn_risk_level = EXCLUDED.churn_risk_level, updated_at = now()""")
                .param("id", id).param("customer", customerId).param("category", category).param("tier", customerTier)
                .param("churn", churnRisk).param("churnLevel", churnRiskLevel).update();
    }

    /**
     * sla.clock_updated / sla.breached: sla-service's view of the ticket's most urgent clock. Only a later
     * {@code computedAt} replaces what the row holds (the events of several clocks and retries may interleave).
     * The row is created if the ticket is not known yet (crm.sla.events is not ordered with crm.ticket.events).
     *
     * @return whether the row changed
     */
    public boolean saveSla(UUID id, String state, Instant nextDeadline, Instant computedAt) {
        return jdbc.sql("""
                INSERT INTO ticket (id, sla_state, sla_next_deadline, sla_computed_at, updated_at)
                VALUES (:id, :state, :deadline, :computedAt, now())
                ON CONFLICT (id) DO UPDATE SET sla_state = EXCLUDED.sla_state, sla_next_deadline = EXCLUDED.sla_next_deadline,
                  sla_computed_at = EXCLUDED.sla_computed_at, updated_at = now()
                WHERE ticket.sla_computed_at IS NULL OR ticket.sla_computed_at < EXCLUDED.sla_computed_at""")
                .param("id", id).param("state", state)
                .param("deadline", nextDeadline == null ? null : Timestamp.from(nextDeadline))
                .param("computedAt", Timestamp.from(computedAt)).update() > 0;
    }

    public void changeStatus(UUID id, String status) {
        jdbc.sql("UPDATE ticket SET status = ?, updated_at = now() WHERE id = ?").params(status, id).update();
    }

    /** Soft delete: it leaves the queue for good. */
    public void markDeleted(UUID id) {
        jdbc.sql("UPDATE ticket SET deleted = true, waiting_since = NULL, waiting_reason = NULL, updated_at = now() WHERE id = ?")
                .param(id).update();
    }

    public Optional<TicketView> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE id = ?").param(id).query(Tickets::map).optional();
    }

    /** Waits for the ticket's row lock. */
    public Optional<TicketView> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE id = ? FOR UPDATE").param(id).query(Tickets::map).optional();
    }

    /** The row lock, unless someone else holds it (then they are deciding about this ticket already). */
    public Optional<TicketView> tryLock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE id = ? FOR UPDATE SKIP LOCKED").param(id)
                .query(Tickets::map).optional();
    }

    /** Puts the ticket in the queue (keeping its place if it is already there) with why it waits. */
    public void enqueue(UUID id, Instant since, String reason, UUID returnedBy) {
        jdbc.sql("""
                UPDATE ticket SET waiting_since = COALESCE(waiting_since, ?), waiting_reason = ?, returned_by = ?
                WHERE id = ?""").params(Timestamp.from(since), reason, returnedBy, id).update();
    }

    public void dequeue(UUID id) {
        jdbc.sql("UPDATE ticket SET waiting_since = NULL, waiting_reason = NULL, returned_by = NULL WHERE id = ?")
                .param(id).update();
    }

    /** The queue in {@link QueueOrder}: breached, earliest deadline, customer value, priority, longest waiting. */
    public List<UUID> waitingIds(int limit) {
        return jdbc.sql("SELECT id FROM ticket WHERE waiting_since IS NOT NULL ORDER BY " + QueueOrder.BACKLOG + " LIMIT ?")
                .param(limit).query(UUID.class).list();
    }

    /** One page of the queue in {@link QueueOrder}, after the given key. */
    public List<Waiting> waiting(QueueOrder.Key after, int limit) {
        String where = after == null ? "" : " AND (" + QueueOrder.BACKLOG
                + ") > (:breach, :deadline, :value, :urgency, :since, :id)";
        var spec = jdbc.sql("SELECT " + RANKS + COLUMNS + " FROM ticket WHERE waiting_since IS NOT NULL" + where
                + " ORDER BY " + QueueOrder.BACKLOG + " LIMIT :limit").param("limit", limit);
        if (after != null) {
            spec = spec.param("breach", after.breachRank()).param("deadline", Timestamp.from(after.deadline()))
                    .param("value", after.valueRank()).param("urgency", after.urgencyRank())
                    .param("since", Timestamp.from(after.since())).param("id", after.id());
        }
        return spec.query((rs, row) -> new Waiting(map(rs, row), new QueueOrder.Key(rs.getInt("sla_breach_rank"),
                rs.getTimestamp("sla_deadline_key").toInstant(), rs.getInt("value_rank"), rs.getInt("urgency_rank"),
                rs.getTimestamp("waiting_since").toInstant(), rs.getObject("id", UUID.class)))).list();
    }

    /** A queued ticket with its sort key as Postgres computed it (the cursor of the next page). */
    public record Waiting(TicketView ticket, QueueOrder.Key key) {
    }

    static TicketView map(ResultSet rs, int row) throws SQLException {
        Array tags = rs.getArray("tags");
        return new TicketView(rs.getObject("id", UUID.class), rs.getString("number"), rs.getString("subject"),
                rs.getString("status"), rs.getString("priority"), rs.getString("channel"),
                rs.getObject("customer_id", UUID.class), rs.getString("language"),
                tags == null ? Set.of() : new LinkedHashSet<>(Arrays.asList((String[]) tags.getArray())),
                rs.getString("category"), rs.getString("customer_tier"), rs.getObject("churn_risk", Double.class),
                rs.getString("churn_risk_level"), instant(rs.getTimestamp("created_at")), rs.getBoolean("deleted"),
                instant(rs.getTimestamp("waiting_since")), rs.getString("waiting_reason"),
                rs.getObject("returned_by", UUID.class), rs.getString("sla_state"),
                instant(rs.getTimestamp("sla_next_deadline")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
