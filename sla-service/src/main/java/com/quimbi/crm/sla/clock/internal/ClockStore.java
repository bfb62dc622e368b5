package com.quimbi.crm.sla.clock.internal;

import static com.quimbi.crm.sla.clock.internal.TicketStore.instant;
import static com.quimbi.crm.sla.clock.internal.TicketStore.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.sla.clock.RunStatus;
import com.quimbi.crm.sla.clock.SlaClock;
import com.quimbi.crm.sla.policy.Metric;

/** Clocks in Postgres. */
@Repository
public class ClockStore {

    private final JdbcTemplate jdbc;

    ClockStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<SlaClock> byTicket(UUID ticketId) {
        return jdbc.query("SELECT * FROM sla_clock WHERE ticket_id = ? ORDER BY started_at, metric, cycle", this::row, ticketId);
    }

    public void upsert(SlaClock c) {
        jdbc.update("""
                INSERT INTO sla_clock (id, ticket_id, metric, cycle, policy_id, priority, target_seconds, business_hours,
                  calendar_id, started_at, deadline, status, at_risk, paused_at, ended_at, elapsed_seconds, breached, warned,
                  breached_at, met_published, next_check_at, computed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::integer[], ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET policy_id = excluded.policy_id, priority = excluded.priority,
                  target_seconds = excluded.target_seconds, business_hours = excluded.business_hours,
                  calendar_id = excluded.calendar_id, started_at = excluded.started_at, deadline = excluded.deadline,
                  status = excluded.status, at_risk = excluded.at_risk, paused_at = excluded.paused_at,
                  ended_at = excluded.ended_at, elapsed_seconds = excluded.elapsed_seconds, breached = excluded.breached,
                  warned = excluded.warned, breached_at = excluded.breached_at, met_published = excluded.met_published,
                  next_check_at = excluded.next_check_at, computed_at = excluded.computed_at""",
                c.id(), c.ticketId(), c.metric().toString(), c.cycle(), c.policyId(), c.priority(), c.targetSeconds(),
                c.businessHours(), c.calendarId(), ts(c.startedAt()), ts(c.deadline()), c.status().toString(), c.atRisk(),
                ts(c.pausedAt()), ts(c.endedAt()), c.elapsedSeconds(), c.breached(),
                "{" + String.join(",", c.warned().stream().map(String::valueOf).toList()) + "}", ts(c.breachedAt()),
                c.metPublished(), ts(c.nextCheckAt()), ts(c.computedAt()));
    }

    /**
     * Makes every open (running or paused) clock due at {@code now}, all of them or only those measured in
     * {@code calendarId}: the scheduler then recomputes their tickets with the current policy and calendar.
     * @return how many clocks that were
     */
    public int markOpenDue(Instant now, java.util.UUID calendarId) {
        if (calendarId == null) {
            return jdbc.update("UPDATE sla_clock SET next_check_at = ? WHERE status IN ('running', 'paused')",
                    Timestamp.from(now));
        }
        return jdbc.update("UPDATE sla_clock SET next_check_at = ? WHERE status IN ('running', 'paused') AND calendar_id = ?",
                Timestamp.from(now), calendarId);
    }

    /** Moves the checks of a ticket due at {@code now} to {@code retryAt}; how many clocks that were. */
    public int postpone(UUID ticketId, Instant now, Instant retryAt) {
        return jdbc.update("UPDATE sla_clock SET next_check_at = ? WHERE ticket_id = ? AND next_check_at <= ?",
                Timestamp.from(retryAt), ticketId, Timestamp.from(now));
    }

    /** Breached clocks, latest breach first, after the keyset (breachedAt, id) when given. */
    public List<SlaClock> breaches(Metric metric, String priority, Instant from, Instant to, Instant afterBreachedAt,
            UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM sla_clock WHERE breached_at IS NOT NULL");
        List<Object> args = new ArrayList<>();
        filter(sql, args, metric, priority);
        if (from != null) {
            sql.append(" AND breached_at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND breached_at < ?");
            args.add(Timestamp.from(to));
        }
        if (afterBreachedAt != null) {
            sql.append(" AND (breached_at, id) < (?, ?)");
            args.add(Timestamp.from(afterBreachedAt));
            args.add(afterId);
        }
        sql.append(" ORDER BY breached_at DESC, id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), this::row, args.toArray());
    }

    /** Running clocks past a warning threshold but not breached, earliest deadline first. */
    public List<SlaClock> atRisk(Metric metric, String priority, Instant afterDeadline, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM sla_clock WHERE status = 'running' AND at_risk AND NOT breached");
        List<Object> args = new ArrayList<>();
        filter(sql, args, metric, priority);
        if (afterDeadline != null) {
            sql.append(" AND (deadline, id) > (?, ?)");
            args.add(Timestamp.from(afterDeadline));
            args.add(afterId);
        }
        sql.append(" ORDER BY deadline, id LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), this::row, args.toArray());
    }

    /** Per metric and priority, clocks started in [from, to): how many ended or broke, how many broke. */
    public List<Map<String, Object>> compliance(Instant from, Instant to) {
        return jdbc.queryForList("""
                SELECT metric, coalesce(priority, 'unknown') AS priority,
                  count(*) FILTER (WHERE status = 'met' OR breached) AS total,
                  count(*) FILTER (WHERE breached) AS breached,
                  count(*) FILTER (WHERE status = 'running' AND at_risk AND NOT breached) AS at_risk
                FROM sla_clock WHERE started_at >= ? AND started_at < ?
                GROUP BY metric, coalesce(priority, 'unknown') ORDER BY metric, priority""",
                Timestamp.from(from), Timestamp.from(to));
    }

    private static void filter(StringBuilder sql, List<Object> args, Metric metric, String priority) {
        if (metric != null) {
            sql.append(" AND metric = ?");
            args.add(metric.toString());
        }
        if (priority != null) {
            sql.append(" AND priority = ?");
            args.add(priority);
        }
    }

    private SlaClock row(ResultSet rs, int n) throws SQLException {
        return new SlaClock(rs.getObject("id", UUID.class), rs.getObject("ticket_id", UUID.class),
                Metric.fromWire(rs.getString("metric")), rs.getInt("cycle"), rs.getObject("policy_id", UUID.class),
                rs.getString("priority"), rs.getLong("target_seconds"), rs.getBoolean("business_hours"),
                rs.getObject("calendar_id", UUID.class), instant(rs, "started_at"), instant(rs, "deadline"),
                RunStatus.fromWire(rs.getString("status")), rs.getBoolean("at_risk"), instant(rs, "paused_at"),
                instant(rs, "ended_at"), rs.getLong("elapsed_seconds"), rs.getBoolean("breached"),
                Arrays.asList((Integer[]) rs.getArray("warned").getArray()), instant(rs, "breached_at"),
                rs.getBoolean("met_published"), instant(rs, "next_check_at"), instant(rs, "computed_at"));
    }
}
