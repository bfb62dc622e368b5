package com.quimbi.crm.analytics.fact;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.WireFormat;

/**
 * Writes the facts and the aggregates, always inside the consumer's transaction (the one that recorded the event
 * id in the inbox), so a redelivered event changes nothing. Each method is also safe to run in any order relative
 * to the other topics: ticket-topic columns, assignment columns and enrichment columns of {@code ticket_fact} are
 * disjoint, and the cross-topic ones are guarded by their event time. Table names are unqualified: the rebuild
 * runs the same code with {@code analytics_rebuild} first on the search path.
 */
@Repository
public class Facts {

    private static final String TICKET_COLUMNS = "status, priority, channel, created_at, updated_at, customer_id, "
            + "status_since, new_seconds, open_seconds, pending_seconds, on_hold_seconds, first_reply_at, "
            + "first_reply_agent, last_reply_agent, awaiting_since, public_replies, notes, customer_messages, "
            + "first_resolved_at, resolved_at, resolved_by, one_touch, reopen_count, deleted_at";

    static final Sums.Aggregate COUNT = new Sums.Aggregate("ticket_count", List.of("dimension", "value"),
            List.of("tickets"), List.of());
    static final Sums.Aggregate VOLUME = new Sums.Aggregate("ticket_volume", List.of("slot"),
            List.of("created", "resolved"), List.of());
    static final Sums.Aggregate AGENT_DAY = new Sums.Aggregate("agent_daily_metrics", List.of("agent_id", "day"),
            java.util.Arrays.stream(AgentMetric.values()).map(AgentMetric::column).toList(), List.of());

    private final JdbcTemplate jdbc;
    private final BusinessHours hours;
    private final Sums sums;

    Facts(JdbcTemplate jdbc, BusinessHours hours, Sums sums) {
        this.jdbc = jdbc;
        this.hours = hours;
        this.sums = sums;
    }

    public static String wire(Enum<?> value) {
        return value == null ? null : WireFormat.wireName(value);
    }

    // ---------------------------------------------------------------- tickets (crm.ticket.events)

    /**
     * The ticket's row as stored, locked for this transaction. A ticket seen for the first time gets an empty row
     * first: the lock then also holds off another topic's first event about it, so the rollup part read here is
     * the part stored (the category comes from enrichment, the rest from the ticket topic).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public TicketTimeline ticket(UUID ticketId) {
        List<TicketTimeline> found = lockedTicket(ticketId);
        if (found.isEmpty()) {
            // the upsert returns the row whether it inserted it or another topic's transaction just did (locked)
            found = jdbc.query("INSERT INTO ticket_fact (ticket_id) VALUES (?) ON CONFLICT (ticket_id) DO UPDATE SET "
                    + "ticket_id = EXCLUDED.ticket_id RETURNING ticket_id, " + TICKET_COLUMNS + ", category",
                    (rs, n) -> read(rs), ticketId);
        }
        TicketTimeline t = found.getFirst().measuredIn(hours);
        t.rolledUp = TicketRollup.of(t); // its business times need the working week
        return t;
    }

    private List<TicketTimeline> lockedTicket(UUID ticketId) {
        return jdbc.query("SELECT ticket_id, " + TICKET_COLUMNS + ", category FROM ticket_fact WHERE ticket_id = ? "
                + "FOR UPDATE", (rs, n) -> read(rs), ticketId);
    }

    /** Stores the ticket-topic columns only (assignment and enrichment columns are left as they are). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void save(TicketTimeline t) {
        String[] columns = TICKET_COLUMNS.split(", ");
        StringBuilder updates = new StringBuilder();
        for (String column : columns) {
            updates.append(updates.isEmpty() ? "" : ", ").append(column).append(" = EXCLUDED.").append(column);
        }
        // business time is derived from the timeline: written with it, never read back
        updates.append(", first_reply_business_seconds = EXCLUDED.first_reply_business_seconds, "
                + "resolution_business_seconds = EXCLUDED.resolution_business_seconds");
        jdbc.update("INSERT INTO ticket_fact (ticket_id, " + TICKET_COLUMNS + ", first_reply_business_seconds, "
                + "resolution_business_seconds) VALUES (?" + ", ?".repeat(columns.length + 2)
                + ") ON CONFLICT (ticket_id) DO UPDATE SET " + updates,
                t.ticketId, t.status, t.priority, t.channel, ts(t.createdAt), ts(t.updatedAt), t.customerId,
                ts(t.statusSince), t.newSeconds, t.openSeconds, t.pendingSeconds, t.onHoldSeconds, ts(t.firstReplyAt),
                t.firstReplyAgent, t.lastReplyAgent, ts(t.awaitingSince), t.publicReplies, t.notes, t.customerMessages,
                ts(t.firstResolvedAt), ts(t.resolvedAt), t.resolvedBy, t.oneTouch, t.reopenCount, ts(t.deletedAt),
                t.firstReplyBusinessSeconds(), t.fullResolutionBusinessSeconds());
        // the SLA outcomes carry the ticket's current priority (compliance by priority reads no ticket_fact): they
        // already do unless it changed
        if (!java.util.Objects.equals(t.storedPriority, t.priority)) {
            jdbc.update("UPDATE sla_outcome SET priority = ? WHERE ticket_id = ? AND priority IS DISTINCT FROM ?",
                    t.priority, t.ticketId, t.priority);
            t.storedPriority = t.priority;
        }
        String[] now = t.countedAs();
        if (!java.util.Arrays.equals(t.counted, now)) {
            count(t.counted, -1);
            count(now, 1);
            t.counted = now;
        }
        Instant[] slots = t.volumeSlots();
        String[] volumeColumns = {"created", "resolved"};
        for (int i = 0; i < slots.length; i++) {
            if (!java.util.Objects.equals(t.volumeCounted[i], slots[i])) {
                volume(t.volumeCounted[i], volumeColumns[i], -1);
                volume(slots[i], volumeColumns[i], 1);
            }
        }
        t.volumeCounted = slots;
        rollUp(t);
    }

    /** ticket_rollup: the ticket's part as it is now instead of as it was loaded. */
    private void rollUp(TicketTimeline t) {
        Map<List<Object>, TicketRollup.Part> now = TicketRollup.of(t);
        TicketRollup.apply(sums, t.rolledUp, now);
        t.rolledUp = now;
    }

    /** ticket_volume: tickets created and first resolved per 15-minute slot (the volume report reads only this). */
    private void volume(Instant slot, String column, long delta) {
        if (slot != null) {
            sums.add(VOLUME, List.of(ts(slot)), column, delta);
        }
    }

    private void count(String[] values, long delta) {
        if (values == null) {
            return;
        }
        String[] dimensions = {"status", "channel", "priority"};
        for (int i = 0; i < dimensions.length; i++) {
            if (values[i] != null) {
                sums.add(COUNT, List.of(dimensions[i], values[i]), "tickets", delta);
            }
        }
    }

    /** The customer a merged-away customer now is (merges may arrive before or after the ticket). */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID currentCustomer(UUID customerId) {
        if (customerId == null) {
            return null;
        }
        List<UUID> target = jdbc.queryForList(
                "SELECT target_customer_id FROM customer_merge WHERE source_customer_id = ?", UUID.class, customerId);
        return target.isEmpty() ? customerId : target.getFirst();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void statusInterval(UUID eventId, UUID ticketId, TicketTimeline.Interval interval) {
        if (interval == null) {
            return;
        }
        jdbc.update("""
                INSERT INTO ticket_status_interval (event_id, ticket_id, status, started_at, ended_at, seconds)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", eventId, ticketId, interval.status(),
                ts(interval.from()), ts(interval.to()), interval.seconds());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void message(UUID messageId, UUID ticketId, String authorType, String authorId, String direction,
            boolean internal, Instant at) {
        jdbc.update("""
                INSERT INTO message_fact (message_id, ticket_id, author_type, author_id, direction, internal, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", messageId, ticketId, authorType, authorId,
                direction, internal, ts(at));
    }

    // ---------------------------------------------------------------- agents' daily sums

    @Transactional(propagation = Propagation.MANDATORY)
    public void add(List<AgentDelta> deltas) {
        for (AgentDelta delta : deltas) {
            if (delta.agentId() == null || delta.amount() == 0) {
                continue;
            }
            sums.add(AGENT_DAY, List.of(delta.agentId(), delta.day()), delta.metric().column(), delta.amount());
        }
    }

    private void addSplit(String agentId, AgentMetric metric, Instant from, Instant to) {
        for (Map.Entry<LocalDate, Long> day : DaySplit.split(from, to).entrySet()) {
            add(List.of(new AgentDelta(agentId, day.getKey(), metric, day.getValue())));
        }
    }

    // ---------------------------------------------------------------- assignments (crm.assignment.events)

    @Transactional(propagation = Propagation.MANDATORY)
    public void assignment(UUID eventId, UUID ticketId, String kind, String agentId, String fromAgentId, Instant at) {
        jdbc.update("""
                INSERT INTO assignment_fact (event_id, ticket_id, kind, agent_id, from_agent_id, at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", eventId, ticketId, kind, agentId, fromAgentId,
                ts(at));
    }

    /**
     * The ticket is now held by {@code agentId} (null: nobody) from {@code at}: the previous holder's hold closes and
     * counts as their handling time. An event older than the current hold is a late duplicate of history: ignored.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void hold(UUID ticketId, String agentId, Instant at) {
        List<Object[]> current = jdbc.query("SELECT agent_id, since FROM ticket_hold WHERE ticket_id = ? FOR UPDATE",
                (rs, n) -> new Object[] {rs.getString(1), rs.getTimestamp(2).toInstant()}, ticketId);
        if (!current.isEmpty()) {
            String holder = (String) current.getFirst()[0];
            Instant since = (Instant) current.getFirst()[1];
            if (at.isBefore(since)) {
                return;
            }
            if (holder != null && holder.equals(agentId)) {
                return;
            }
            if (holder != null) {
                addSplit(holder, AgentMetric.HANDLING_SECONDS, since, at);
            }
        }
        jdbc.update("""
                INSERT INTO ticket_hold (ticket_id, agent_id, since) VALUES (?, ?, ?)
                ON CONFLICT (ticket_id) DO UPDATE SET agent_id = EXCLUDED.agent_id, since = EXCLUDED.since""",
                ticketId, agentId, ts(at));
        jdbc.update("""
                INSERT INTO ticket_fact (ticket_id, assignee_id, assignee_since) VALUES (?, ?, ?)
                ON CONFLICT (ticket_id) DO UPDATE SET assignee_id = EXCLUDED.assignee_id,
                    assignee_since = EXCLUDED.assignee_since
                WHERE ticket_fact.assignee_since IS NULL OR ticket_fact.assignee_since <= EXCLUDED.assignee_since""",
                ticketId, agentId, ts(at));
        jdbc.update("UPDATE sla_outcome o SET assignee_id = t.assignee_id FROM ticket_fact t WHERE t.ticket_id = ? "
                + "AND o.ticket_id = t.ticket_id AND o.assignee_id IS DISTINCT FROM t.assignee_id", ticketId);
    }

    // ---------------------------------------------------------------- SLA (crm.sla.events)

    @Transactional(propagation = Propagation.MANDATORY)
    public void slaOutcome(UUID ticketId, String metric, UUID clockId, String policyId, Instant deadline,
            Instant metAt, Instant breachedAt, boolean breached) {
        UUID clock = clockId != null ? clockId
                : UUID.nameUUIDFromBytes((ticketId + "/" + metric).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Instant outcomeAt = metAt != null ? metAt : breachedAt;
        // the ticket's row first, as every topic's handler does: the SLA consumer and the ticket consumer may handle
        // an outcome and its ticket's priority at the same moment; without the row lock each read the other's
        // uncommitted state and the outcome kept no priority (a rebuild then disagreed with the live table)
        jdbc.query("INSERT INTO ticket_fact (ticket_id) VALUES (?) ON CONFLICT (ticket_id) DO UPDATE SET "
                + "ticket_id = EXCLUDED.ticket_id RETURNING ticket_id", (rs, n) -> rs.getObject(1), ticketId);
        jdbc.update("""
                INSERT INTO sla_outcome (ticket_id, metric, clock_id, policy_id, deadline, met_at, breached_at, breached,
                    outcome_at, priority, assignee_id)
                SELECT ?::uuid, ?, ?::uuid, ?, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?::boolean,
                       ?::timestamptz, t.priority, t.assignee_id
                FROM (SELECT 1) one LEFT JOIN ticket_fact t ON t.ticket_id = ?::uuid
                ON CONFLICT (ticket_id, metric, clock_id) DO UPDATE SET
                    policy_id = coalesce(EXCLUDED.policy_id, sla_outcome.policy_id),
                    deadline = coalesce(EXCLUDED.deadline, sla_outcome.deadline),
                    met_at = coalesce(EXCLUDED.met_at, sla_outcome.met_at),
                    breached_at = coalesce(EXCLUDED.breached_at, sla_outcome.breached_at),
                    breached = sla_outcome.breached OR EXCLUDED.breached,
                    outcome_at = least(sla_outcome.outcome_at, EXCLUDED.outcome_at),
                    priority = EXCLUDED.priority, assignee_id = EXCLUDED.assignee_id""",
                ticketId, metric, clock, policyId, ts(deadline), ts(metAt), ts(breachedAt), breached, ts(outcomeAt),
                ticketId);
    }

    // ---------------------------------------------------------------- presence (crm.presence.events)

    /** connected: an interval opens unless one is open. Events of one agent arrive in order (key = agent id). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void presenceOnline(String agentId, Instant at) {
        jdbc.update("""
                INSERT INTO presence_state (agent_id, online_since, last_at) VALUES (?, ?, ?)
                ON CONFLICT (agent_id) DO UPDATE SET
                    online_since = coalesce(presence_state.online_since, EXCLUDED.online_since),
                    last_at = greatest(presence_state.last_at, EXCLUDED.last_at)
                WHERE presence_state.last_at <= EXCLUDED.last_at""", agentId, ts(at), ts(at));
    }

    /** idle or disconnected: the open interval closes and counts as online time. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void presenceOffline(UUID eventId, String agentId, Instant at) {
        List<Instant> since = jdbc.query(
                "SELECT online_since, last_at FROM presence_state WHERE agent_id = ? FOR UPDATE",
                (rs, n) -> rs.getTimestamp(2).toInstant().isAfter(at) ? null
                        : rs.getTimestamp(1) == null ? Instant.MIN : rs.getTimestamp(1).toInstant(), agentId);
        if (!since.isEmpty() && since.getFirst() == null) {
            return; // older than what we know
        }
        if (!since.isEmpty() && since.getFirst() != Instant.MIN) {
            Instant from = since.getFirst();
            jdbc.update("""
                    INSERT INTO presence_interval (event_id, agent_id, started_at, ended_at, seconds)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", eventId, agentId, ts(from), ts(at),
                    Math.max(0, java.time.Duration.between(from, at).toSeconds()));
            addSplit(agentId, AgentMetric.ONLINE_SECONDS, from, at);
        }
        jdbc.update("""
                INSERT INTO presence_state (agent_id, online_since, last_at) VALUES (?, NULL, ?)
                ON CONFLICT (agent_id) DO UPDATE SET online_since = NULL, last_at = EXCLUDED.last_at""", agentId,
                ts(at));
    }

    // ---------------------------------------------------------------- enrichment, agents, customers

    @Transactional(propagation = Propagation.MANDATORY)
    public void enrichment(UUID ticketId, String category, String sentiment, double churnRisk, String churnLevel,
            String tier, Instant enrichedAt) {
        TicketTimeline ticket = ticket(ticketId); // locks the row: its rollup part moves with the category
        int changed = jdbc.update("""
                UPDATE ticket_fact SET category = ?, sentiment = ?, churn_risk = ?, churn_level = ?, customer_tier = ?,
                    enriched_at = ?
                WHERE ticket_id = ? AND (enriched_at IS NULL OR enriched_at <= ?)""",
                category, sentiment, churnRisk, churnLevel, tier, ts(enrichedAt), ticketId, ts(enrichedAt));
        if (changed > 0) {
            ticket.category = category;
            rollUp(ticket);
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void agent(String agentId, String name, String team, String department, String role, List<String> skills,
            boolean active, Instant updatedAt) {
        String[] skillArray = skills == null ? new String[0] : skills.toArray(String[]::new);
        jdbc.update("""
                INSERT INTO agent_dim (agent_id, name, team, department, role, skills, active, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (agent_id) DO UPDATE SET name = EXCLUDED.name, team = EXCLUDED.team,
                    department = EXCLUDED.department, role = EXCLUDED.role, skills = EXCLUDED.skills,
                    active = EXCLUDED.active, updated_at = EXCLUDED.updated_at
                WHERE agent_dim.updated_at <= EXCLUDED.updated_at""", agentId, name, team, department, role,
                skillArray, active, ts(updatedAt));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void agentDeactivated(String agentId, Instant at) {
        jdbc.update("""
                INSERT INTO agent_dim (agent_id, active, updated_at) VALUES (?, false, ?)
                ON CONFLICT (agent_id) DO UPDATE SET active = false, updated_at = EXCLUDED.updated_at
                WHERE agent_dim.updated_at <= EXCLUDED.updated_at""", agentId, ts(at));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void customerTier(UUID customerId, String tier, Instant at) {
        jdbc.update("""
                INSERT INTO customer_dim (customer_id, tier, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (customer_id) DO UPDATE SET tier = coalesce(EXCLUDED.tier, customer_dim.tier),
                    updated_at = EXCLUDED.updated_at
                WHERE customer_dim.updated_at <= EXCLUDED.updated_at""", customerId, tier, ts(at));
    }

    /** The source customer's tickets belong to the target from now on, also those that arrive later. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void customerMerged(UUID source, UUID target, Instant at) {
        jdbc.update("""
                INSERT INTO customer_merge (source_customer_id, target_customer_id, merged_at) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""", source, target, ts(at));
        jdbc.update("UPDATE customer_merge SET target_customer_id = ? WHERE target_customer_id = ?", target, source);
        jdbc.update("UPDATE ticket_fact SET customer_id = ? WHERE customer_id = ?", target, source);
    }

    // ---------------------------------------------------------------- mapping

    private static TicketTimeline read(ResultSet rs) throws SQLException {
        TicketTimeline t = new TicketTimeline(rs.getObject("ticket_id", UUID.class));
        t.status = rs.getString("status");
        t.priority = rs.getString("priority");
        t.channel = rs.getString("channel");
        t.createdAt = instant(rs, "created_at");
        t.updatedAt = instant(rs, "updated_at");
        t.customerId = rs.getObject("customer_id", UUID.class);
        t.statusSince = instant(rs, "status_since");
        t.newSeconds = rs.getLong("new_seconds");
        t.openSeconds = rs.getLong("open_seconds");
        t.pendingSeconds = rs.getLong("pending_seconds");
        t.onHoldSeconds = rs.getLong("on_hold_seconds");
        t.firstReplyAt = instant(rs, "first_reply_at");
        t.firstReplyAgent = rs.getString("first_reply_agent");
        t.lastReplyAgent = rs.getString("last_reply_agent");
        t.awaitingSince = instant(rs, "awaiting_since");
        t.publicReplies = rs.getInt("public_replies");
        t.notes = rs.getInt("notes");
        t.customerMessages = rs.getInt("customer_messages");
        t.firstResolvedAt = instant(rs, "first_resolved_at");
        t.resolvedAt = instant(rs, "resolved_at");
        t.resolvedBy = rs.getString("resolved_by");
        t.oneTouch = (Boolean) rs.getObject("one_touch");
        t.reopenCount = rs.getInt("reopen_count");
        t.deletedAt = instant(rs, "deleted_at");
        t.counted = t.countedAs();
        t.volumeCounted = t.volumeSlots();
        t.category = rs.getString("category");
        t.storedPriority = t.priority;
        return t;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
