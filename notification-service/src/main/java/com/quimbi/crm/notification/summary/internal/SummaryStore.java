package com.quimbi.crm.notification.summary.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.notification.rules.Destination;
import com.quimbi.crm.notification.summary.SummaryPeriod;
import com.quimbi.crm.notification.summary.SummaryReport;
import com.quimbi.crm.notification.summary.SummarySchedule;
import com.quimbi.crm.notification.summary.TeamSummary;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** team_summary, summary_send, and the counts a report is made of (alert_ticket, agent_contact, alert_sla_outcome). */
@Repository
public class SummaryStore {

    private static final String COLUMNS = "id, name, team, period, local_time, time_zone, day_of_week, enabled, "
            + "destinations, last_period_end, version, created_at, updated_at, updated_by";
    /** The team of a ticket is its holder's (agent_contact.team); no team asked = every ticket. */
    private static final String TEAM = " (CAST(? AS varchar) IS NULL OR lower(a.team) = lower(CAST(? AS varchar))) ";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    SummaryStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<TeamSummary> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM team_summary ORDER BY lower(name), id LIMIT 1000", this::row);
    }

    public Optional<TeamSummary> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM team_summary WHERE id = ?", this::row, id).stream().findFirst();
    }

    public List<UUID> enabledIds() {
        return jdbc.queryForList("SELECT id FROM team_summary WHERE enabled ORDER BY id", UUID.class);
    }

    /** The summary, locked for this transaction; empty when another instance holds it (it is claiming the period). */
    public Optional<TeamSummary> lock(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM team_summary WHERE id = ? AND enabled FOR UPDATE SKIP LOCKED",
                this::row, id).stream().findFirst();
    }

    public boolean nameTaken(String name, UUID except) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM team_summary WHERE lower(name) = lower(?) AND id <> ?",
                Integer.class, name, except);
        return n != null && n > 0;
    }

    public void insert(TeamSummary s) {
        jdbc.update("""
                INSERT INTO team_summary (id, name, team, period, local_time, time_zone, day_of_week, enabled, destinations,
                    last_period_end, version, created_at, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)""",
                s.id(), s.name(), s.team(), wire(s.period()), s.time(), s.timeZone(), wire(s.dayOfWeek()), s.enabled(),
                json.writeValueAsString(s.destinations()), ts(s.lastPeriodEnd()), s.version(), ts(s.createdAt()),
                ts(s.updatedAt()), s.updatedBy());
    }

    public void update(TeamSummary s) {
        jdbc.update("""
                UPDATE team_summary SET name = ?, team = ?, period = ?, local_time = ?, time_zone = ?, day_of_week = ?,
                    enabled = ?, destinations = ?::jsonb, last_period_end = ?, version = ?, updated_at = ?, updated_by = ?
                WHERE id = ?""",
                s.name(), s.team(), wire(s.period()), s.time(), s.timeZone(), wire(s.dayOfWeek()), s.enabled(),
                json.writeValueAsString(s.destinations()), ts(s.lastPeriodEnd()), s.version(), ts(s.updatedAt()),
                s.updatedBy(), s.id());
    }

    public void delete(UUID id) {
        jdbc.update("DELETE FROM team_summary WHERE id = ?", id);
    }

    public void periodQueued(UUID id, Instant periodEnd) {
        jdbc.update("UPDATE team_summary SET last_period_end = ? WHERE id = ?", ts(periodEnd), id);
    }

    // ---- the numbers

    public SummaryReport report(TeamSummary s, java.time.ZoneId zone, SummarySchedule.Window window, int topCategories) {
        Timestamp from = ts(window.from());
        Timestamp to = ts(window.to());
        String team = s.team();
        String tickets = " FROM alert_ticket t LEFT JOIN agent_contact a ON a.agent_id = t.assignee_id WHERE ";
        Long volume = jdbc.queryForObject("SELECT count(*)" + tickets + "t.created_at >= ? AND t.created_at < ? AND" + TEAM,
                Long.class, from, to, team, team);
        Long backlog = jdbc.queryForObject("SELECT count(*)" + tickets + "t.created_at < ? "
                + "AND coalesce(t.status, 'new') NOT IN ('solved', 'closed') AND" + TEAM, Long.class, to, team, team);
        String outcomes = "SELECT count(*) FROM alert_sla_outcome o JOIN alert_ticket t ON t.ticket_id = o.ticket_id "
                + "LEFT JOIN agent_contact a ON a.agent_id = t.assignee_id WHERE o.outcome = ? AND o.at >= ? AND o.at < ? AND";
        Long breaches = jdbc.queryForObject(outcomes + TEAM, Long.class, "breached", from, to, team, team);
        Long met = jdbc.queryForObject(outcomes + TEAM, Long.class, "met", from, to, team, team);
        List<SummaryReport.CategoryCount> categories = jdbc.query("SELECT t.category, count(*) AS n" + tickets
                + "t.created_at >= ? AND t.created_at < ? AND t.category IS NOT NULL AND" + TEAM
                + "GROUP BY t.category ORDER BY n DESC, t.category LIMIT ?",
                (rs, i) -> new SummaryReport.CategoryCount(rs.getString(1), rs.getLong(2)), from, to, team, team, topCategories);
        return new SummaryReport(s.name(), s.period(), team, zone, window, n(volume), n(backlog), n(breaches), n(met),
                categories);
    }

    // ---- sending

    public record Send(UUID id, UUID summaryId, String destinationType, String destination, String subject, String body,
            int attempts) {
    }

    public void queue(UUID id, UUID summaryId, Instant periodEnd, String destinationType, String destination,
            String subject, String body) {
        jdbc.update("""
                INSERT INTO summary_send (id, summary_id, period_end, destination_type, destination, subject, body, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'pending') ON CONFLICT DO NOTHING""",
                id, summaryId, ts(periodEnd), destinationType, destination, subject, body);
    }

    /** Due sends, locked for this transaction (several instances never send the same one). */
    public List<Send> due(Instant now, int limit) {
        return jdbc.query("""
                SELECT id, summary_id, destination_type, destination, subject, body, attempts FROM summary_send
                WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED""",
                (rs, i) -> new Send(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7)), ts(now), limit);
    }

    public void sent(UUID id, Instant at) {
        jdbc.update("UPDATE summary_send SET status = 'sent', sent_at = ?, attempts = attempts + 1 WHERE id = ?", ts(at), id);
    }

    public void retryLater(UUID id, Instant next, String error) {
        jdbc.update("UPDATE summary_send SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?",
                ts(next), truncate(error), id);
    }

    public void failed(UUID id, String error) {
        jdbc.update("UPDATE summary_send SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
                truncate(error), id);
    }

    private TeamSummary row(ResultSet rs, int i) throws SQLException {
        String day = rs.getString(7);
        return new TeamSummary(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                SummaryPeriod.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)), rs.getString(5), rs.getString(6),
                day == null ? null : DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)), rs.getBoolean(8),
                json.readValue(rs.getString(9), new TypeReference<List<Destination>>() {
                }), instant(rs.getTimestamp(10)), rs.getLong(11), instant(rs.getTimestamp(12)),
                instant(rs.getTimestamp(13)), rs.getString(14));
    }

    private static String wire(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    private static long n(Long value) {
        return value == null ? 0 : value;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }
}
