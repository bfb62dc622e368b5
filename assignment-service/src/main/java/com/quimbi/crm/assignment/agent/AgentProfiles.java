package com.quimbi.crm.assignment.agent;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.assignment.policy.Seniority;
import com.quimbi.crm.assignment.policy.WorkingHours;

/** The agent read model. Row locks on it are what keep assignments within capacity. */
@Repository
public class AgentProfiles {

    private static final String COLUMNS = """
            id, display_name, role, seniority, skills, languages, max_concurrent_tickets, accepts_new, status,
            status_changed_at, timezone, work_days, work_start, work_end, active, last_assigned_at""";

    private final JdbcClient jdbc;

    AgentProfiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** agent.created / agent.updated carry the whole profile: insert or overwrite it, keeping our own columns. */
    public void save(AgentProfile agent, Instant updatedAt) {
        WorkingHours hours = agent.workingHours();
        jdbc.sql("""
                INSERT INTO agent_profile (id, display_name, role, seniority, skills, languages, max_concurrent_tickets,
                  accepts_new, status, status_changed_at, timezone, work_days, work_start, work_end, active, updated_at)
                VALUES (:id, :name, :role, :seniority, :skills, :languages, :capacity, :acceptsNew, :status, :statusAt,
                  :timezone, :days, :start, :end, :active, :updatedAt)
                ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, role = EXCLUDED.role,
                  seniority = EXCLUDED.seniority, skills = EXCLUDED.skills, languages = EXCLUDED.languages,
                  max_concurrent_tickets = EXCLUDED.max_concurrent_tickets, accepts_new = EXCLUDED.accepts_new,
                  status = EXCLUDED.status, timezone = EXCLUDED.timezone, work_days = EXCLUDED.work_days,
                  work_start = EXCLUDED.work_start, work_end = EXCLUDED.work_end, active = EXCLUDED.active,
                  updated_at = EXCLUDED.updated_at,
                  status_changed_at = CASE WHEN agent_profile.status = EXCLUDED.status
                    THEN agent_profile.status_changed_at ELSE EXCLUDED.status_changed_at END""")
                .param("id", agent.id()).param("name", agent.displayName()).param("role", agent.role())
                .param("seniority", agent.seniority().toString())
                .param("skills", agent.skills().toArray(String[]::new))
                .param("languages", agent.languages().toArray(String[]::new))
                .param("capacity", agent.maxConcurrentTickets()).param("acceptsNew", agent.acceptsNew())
                .param("status", agent.status()).param("statusAt", Timestamp.from(agent.statusChangedAt()))
                .param("timezone", agent.timezone().getId())
                .param("days", hours == null ? null : hours.days().stream().map(AgentProfiles::dayName).toArray(String[]::new))
                .param("start", hours == null ? null : hours.start()).param("end", hours == null ? null : hours.end())
                .param("active", agent.active()).param("updatedAt", Timestamp.from(updatedAt))
                .update();
    }

    /** agent.status_changed; false when the agent is unknown here. */
    public boolean changeStatus(UUID id, String status, Instant changedAt) {
        return jdbc.sql("UPDATE agent_profile SET status = ?, status_changed_at = ?, updated_at = ? WHERE id = ?")
                .params(status, Timestamp.from(changedAt), Timestamp.from(changedAt), id).update() == 1;
    }

    /** agent.deactivated: no more work for them. */
    public boolean deactivate(UUID id, Instant at) {
        return jdbc.sql("""
                UPDATE agent_profile SET active = false, status = 'offline', status_changed_at = ?, updated_at = ?
                WHERE id = ?""").params(Timestamp.from(at), Timestamp.from(at), id).update() == 1;
    }

    public void recordAssignment(UUID id, Instant at) {
        jdbc.sql("UPDATE agent_profile SET last_assigned_at = ? WHERE id = ?").params(Timestamp.from(at), id).update();
    }

    public Optional<AgentProfile> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_profile WHERE id = ?").param(id)
                .query(AgentProfiles::map).optional();
    }

    /** Locks one agent's row until the transaction ends: their load cannot change under us. */
    public Optional<AgentProfile> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_profile WHERE id = ? FOR UPDATE").param(id)
                .query(AgentProfiles::map).optional();
    }

    /** Locks several agents' rows, always in id order so two transactions can never wait on each other. */
    public List<AgentProfile> lockAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_profile WHERE id IN (:ids) ORDER BY id FOR UPDATE")
                .param("ids", ids).query(AgentProfiles::map).list();
    }

    public List<AgentProfile> active() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_profile WHERE active ORDER BY id").query(AgentProfiles::map).list();
    }

    /** Agents whose open work should go back to the queue: deactivated, or offline/away since before the cut-off. */
    public List<UUID> goneSince(Instant cutoff) {
        return jdbc.sql("""
                SELECT id FROM agent_profile
                WHERE NOT active OR (status IN ('offline', 'away') AND status_changed_at < ?)""")
                .param(Timestamp.from(cutoff)).query(UUID.class).list();
    }

    private static AgentProfile map(ResultSet rs, int row) throws SQLException {
        String[] days = strings(rs.getArray("work_days"));
        WorkingHours hours = null;
        if (days != null && rs.getObject("work_start") != null && rs.getObject("work_end") != null) {
            Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
            Arrays.stream(days).map(AgentProfiles::day).forEach(set::add);
            hours = new WorkingHours(set, rs.getObject("work_start", LocalTime.class), rs.getObject("work_end", LocalTime.class));
        }
        Timestamp last = rs.getTimestamp("last_assigned_at");
        return new AgentProfile(rs.getObject("id", UUID.class), rs.getString("display_name"), rs.getString("role"),
                Seniority.of(rs.getString("seniority")), set(rs.getArray("skills")), set(rs.getArray("languages")),
                rs.getInt("max_concurrent_tickets"), rs.getBoolean("accepts_new"), rs.getString("status"),
                rs.getTimestamp("status_changed_at").toInstant(), ZoneId.of(rs.getString("timezone")), hours,
                rs.getBoolean("active"), last == null ? null : last.toInstant());
    }

    private static Set<String> set(Array array) throws SQLException {
        String[] values = strings(array);
        return values == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(values));
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? null : (String[]) array.getArray();
    }

    /** "mon" ... "sun", the wire's day names. */
    public static DayOfWeek day(String name) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (dayName(day).equals(name.toLowerCase(Locale.ROOT))) {
                return day;
            }
        }
        throw new IllegalArgumentException("unknown day '" + name + "'");
    }

    static String dayName(DayOfWeek day) {
        return day.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }
}
