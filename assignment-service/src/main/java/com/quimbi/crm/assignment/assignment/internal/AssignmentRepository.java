package com.quimbi.crm.assignment.assignment.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.contracts.assignment.AssignmentReason;
import com.quimbi.crm.assignment.assignment.AssignmentStatus;
import com.quimbi.crm.assignment.assignment.QueueItem;
import com.quimbi.crm.assignment.assignment.TicketAssignment;
import com.quimbi.crm.assignment.ticket.QueueOrder;

/** ticket_assignment rows. "Active" = assigned, accepted or in_progress. */
@Repository
public class AssignmentRepository {

    private static final String ACTIVE = "status IN ('assigned', 'accepted', 'in_progress')";
    private static final String COLUMNS = """
            id, ticket_id, agent_id, status, assigned_by_type, assigned_by_id, reason, score, forced, note,
            previous_agent_id, assigned_at, accepted_at, ended_at, end_reason""";

    private final JdbcClient jdbc;

    AssignmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(TicketAssignment a) {
        jdbc.sql("""
                INSERT INTO ticket_assignment (id, ticket_id, agent_id, status, assigned_by_type, assigned_by_id, reason,
                  score, forced, note, previous_agent_id, assigned_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.id(), a.ticketId(), a.agentId(), a.status().toString(), a.assignedByType(), a.assignedById(),
                        a.reason().name().toLowerCase(Locale.ROOT), a.score(), a.forced(), a.note(), a.previousAgentId(),
                        Timestamp.from(a.assignedAt()))
                .update();
    }

    public Optional<TicketAssignment> findActive(UUID ticketId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket_assignment WHERE ticket_id = ? AND " + ACTIVE)
                .param(ticketId).query(AssignmentRepository::map).optional();
    }

    public Optional<TicketAssignment> latest(UUID ticketId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket_assignment WHERE ticket_id = ? ORDER BY assigned_at DESC, id DESC LIMIT 1")
                .param(ticketId).query(AssignmentRepository::map).optional();
    }

    public Optional<TicketAssignment> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket_assignment WHERE id = ?").param(id)
                .query(AssignmentRepository::map).optional();
    }

    /** Oldest first: the ticket's whole story. */
    public List<TicketAssignment> history(UUID ticketId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ticket_assignment WHERE ticket_id = ? ORDER BY assigned_at, id")
                .param(ticketId).query(AssignmentRepository::map).list();
    }

    public void end(UUID id, AssignmentStatus status, Instant at, String reason) {
        jdbc.sql("UPDATE ticket_assignment SET status = ?, ended_at = ?, end_reason = ? WHERE id = ?")
                .params(status.toString(), Timestamp.from(at), reason, id).update();
    }

    public void accept(UUID id, Instant at) {
        jdbc.sql("UPDATE ticket_assignment SET status = 'accepted', accepted_at = ? WHERE id = ?")
                .params(Timestamp.from(at), id).update();
    }

    public void markInProgress(UUID id) {
        jdbc.sql("UPDATE ticket_assignment SET status = 'in_progress' WHERE id = ?").param(id).update();
    }

    /** Each agent's load: their active assignments of tickets whose SLA clock runs (new, open). */
    public Map<UUID, Integer> loads(Collection<UUID> agentIds) {
        Map<UUID, Integer> loads = new HashMap<>();
        if (agentIds.isEmpty()) {
            return loads;
        }
        jdbc.sql("""
                SELECT a.agent_id, count(*) AS load FROM ticket_assignment a JOIN ticket t ON t.id = a.ticket_id
                WHERE a.agent_id IN (:ids) AND a.status IN ('assigned', 'accepted', 'in_progress')
                  AND t.status IN ('new', 'open')
                GROUP BY a.agent_id""").param("ids", agentIds)
                .query((rs, row) -> loads.put(rs.getObject("agent_id", UUID.class), rs.getInt("load"))).list();
        return loads;
    }

    public int load(UUID agentId) {
        return loads(List.of(agentId)).getOrDefault(agentId, 0);
    }

    /** Who last helped: on this ticket first, else on another ticket of the same customer. */
    public Optional<UUID> continuityAgent(UUID ticketId, UUID customerId) {
        return jdbc.sql("""
                SELECT a.agent_id FROM ticket_assignment a JOIN ticket t ON t.id = a.ticket_id
                WHERE a.ticket_id = :ticket OR (CAST(:customer AS uuid) IS NOT NULL AND t.customer_id = :customer)
                ORDER BY (a.ticket_id = :ticket) DESC, a.assigned_at DESC LIMIT 1""")
                .param("ticket", ticketId).param("customer", customerId).query(UUID.class).optional();
    }

    /** Tickets the agent currently holds; with {@code onlyUnacceptedOrOpen}, those not accepted or with a running clock. */
    public List<UUID> activeTicketsOf(UUID agentId, boolean onlyUnacceptedOrOpen) {
        String filter = onlyUnacceptedOrOpen ? " AND (a.status = 'assigned' OR t.status IN ('new', 'open'))" : "";
        return jdbc.sql("""
                SELECT a.ticket_id FROM ticket_assignment a JOIN ticket t ON t.id = a.ticket_id
                WHERE a.agent_id = ? AND a.status IN ('assigned', 'accepted', 'in_progress')""" + filter
                + " ORDER BY a.assigned_at").param(agentId).query(UUID.class).list();
    }

    /** An agent's current tickets, joined with the ticket: their work queue, in {@link QueueOrder}. */
    public List<QueueItem> queueOf(UUID agentId) {
        return jdbc.sql("""
                SELECT a.id AS assignment_id, a.status AS assignment_status, a.assigned_at, t.id AS ticket_id, t.number,
                  t.subject, t.status, t.priority, t.customer_tier, t.churn_risk_level, t.created_at, t.sla_state,
                  t.sla_next_deadline
                FROM ticket_assignment a JOIN ticket t ON t.id = a.ticket_id
                WHERE a.agent_id = ? AND a.status IN ('assigned', 'accepted', 'in_progress')
                ORDER BY """ + " " + QueueOrder.AGENT_QUEUE)
                .param(agentId).query((rs, row) -> new QueueItem(rs.getObject("assignment_id", UUID.class),
                        rs.getString("assignment_status"), rs.getTimestamp("assigned_at").toInstant(),
                        rs.getObject("ticket_id", UUID.class), rs.getString("number"), rs.getString("subject"),
                        rs.getString("status"), rs.getString("priority"), rs.getString("customer_tier"),
                        rs.getString("churn_risk_level"), instant(rs.getTimestamp("created_at")), rs.getString("sla_state"),
                        instant(rs.getTimestamp("sla_next_deadline"))))
                .list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static TicketAssignment map(ResultSet rs, int row) throws SQLException {
        Timestamp accepted = rs.getTimestamp("accepted_at");
        Timestamp ended = rs.getTimestamp("ended_at");
        return new TicketAssignment(rs.getObject("id", UUID.class), rs.getObject("ticket_id", UUID.class),
                rs.getObject("agent_id", UUID.class), AssignmentStatus.of(rs.getString("status")),
                rs.getString("assigned_by_type"), rs.getString("assigned_by_id"),
                AssignmentReason.valueOf(rs.getString("reason").toUpperCase(Locale.ROOT)), rs.getObject("score", Double.class), rs.getBoolean("forced"),
                rs.getString("note"), rs.getObject("previous_agent_id", UUID.class),
                rs.getTimestamp("assigned_at").toInstant(), accepted == null ? null : accepted.toInstant(),
                ended == null ? null : ended.toInstant(), rs.getString("end_reason"));
    }
}
