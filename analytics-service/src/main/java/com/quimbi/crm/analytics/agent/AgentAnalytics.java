package com.quimbi.crm.analytics.agent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.analytics.report.DateRange;

/** Reads agent_daily_metrics: one grouped query over the range's rows, never the whole history. */
@Service
@Transactional(readOnly = true)
public class AgentAnalytics {

    static final String SUMS = """
            SELECT m.agent_id, count(*), sum(tickets_assigned), sum(transfers_in), sum(transfers_out),
                   sum(tickets_solved), sum(one_touch_solved), sum(resolution_seconds), sum(reopened),
                   sum(messages_sent), sum(notes_added), sum(first_replies), sum(first_reply_seconds),
                   sum(next_replies), sum(next_reply_seconds), sum(online_seconds), sum(handling_seconds),
                   max(a.name), max(a.team), max(a.department), sum(first_reply_business_seconds),
                   sum(resolution_business_seconds), sum(csat_ratings), sum(csat_score_sum)
            FROM agent_daily_metrics m LEFT JOIN agent_dim a ON a.agent_id = m.agent_id
            WHERE m.day BETWEEN ? AND ?""";

    private final JdbcTemplate jdbc;

    AgentAnalytics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public AgentMetrics agent(String agentId, DateRange range) {
        List<AgentMetrics> found = jdbc.query(SUMS + " AND m.agent_id = ? GROUP BY m.agent_id",
                (rs, n) -> metrics(rs, range), range.from(), range.to(), agentId);
        if (!found.isEmpty()) {
            return found.getFirst();
        }
        List<String[]> known = jdbc.query("SELECT name, team FROM agent_dim WHERE agent_id = ?",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2)}, agentId);
        String[] dim = known.isEmpty() ? new String[2] : known.getFirst();
        return AgentMetrics.of(AgentMetrics.Sums.zero(agentId), dim[0], dim[1], range.from(), range.to());
    }

    /** Every agent with activity in the range, optionally only those of {@code team}. */
    public List<AgentMetrics> agents(DateRange range, String team) {
        String sql = SUMS + (team == null ? "" : " AND a.team = ?") + " GROUP BY m.agent_id ORDER BY m.agent_id";
        Object[] args = team == null ? new Object[] {range.from(), range.to()}
                : new Object[] {range.from(), range.to(), team};
        return jdbc.query(sql, (rs, n) -> metrics(rs, range), args);
    }

    /**
     * The agents' numbers summed per team, department or skill (an agent with several skills counts in each);
     * agents without one under "(none)".
     */
    public List<TeamMetrics> teams(DateRange range, String groupBy) {
        Map<String, List<String>> skills = new java.util.HashMap<>();
        if ("skill".equals(groupBy)) {
            jdbc.query("SELECT agent_id, skills FROM agent_dim", rs -> {
                skills.put(rs.getString(1), List.of((String[]) rs.getArray(2).getArray()));
            });
        }
        Map<String, AgentMetrics.Sums> sums = new TreeMap<>();
        Map<String, Integer> agents = new TreeMap<>();
        jdbc.query(SUMS + " GROUP BY m.agent_id", rs -> {
            List<String> groups = switch (groupBy) {
                case "department" -> java.util.Collections.singletonList(rs.getString(20));
                case "skill" -> skills.getOrDefault(rs.getString(1), List.of());
                default -> java.util.Collections.singletonList(rs.getString(19));
            };
            if (groups.isEmpty()) {
                groups = java.util.Collections.singletonList(null);
            }
            for (String group : groups) {
                String key = group == null ? "(none)" : group;
                sums.merge(key, sums(rs, key), AgentMetrics.Sums::plus);
                agents.merge(key, 1, Integer::sum);
            }
        }, range.from(), range.to());
        List<TeamMetrics> rows = new ArrayList<>();
        sums.forEach((group, s) -> rows.add(new TeamMetrics(group, agents.get(group),
                AgentMetrics.of(s, null, group, range.from(), range.to()))));
        return rows;
    }

    /** Whole-team sums over the range (for targets): tickets solved and active agent-days. */
    public AgentMetrics total(DateRange range, String team) {
        AgentMetrics.Sums total = AgentMetrics.Sums.zero(null);
        String sql = SUMS + (team == null ? "" : " AND a.team = ?") + " GROUP BY m.agent_id";
        Object[] args = team == null ? new Object[] {range.from(), range.to()}
                : new Object[] {range.from(), range.to(), team};
        List<AgentMetrics.Sums> all = jdbc.query(sql, (rs, n) -> sums(rs, null), args);
        for (AgentMetrics.Sums s : all) {
            total = AgentMetrics.Sums.plus(total, s);
        }
        return AgentMetrics.of(total, null, team, range.from(), range.to());
    }

    private static AgentMetrics metrics(ResultSet rs, DateRange range) throws SQLException {
        return AgentMetrics.of(sums(rs, rs.getString(1)), rs.getString(18), rs.getString(19), range.from(),
                range.to());
    }

    private static AgentMetrics.Sums sums(ResultSet rs, String agentId) throws SQLException {
        return new AgentMetrics.Sums(agentId, rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                rs.getLong(12), rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getLong(16), rs.getLong(17),
                rs.getLong(21), rs.getLong(22), rs.getLong(23), rs.getLong(24));
    }

    /** The agents of a team (null team: null, meaning everyone). */
    public List<String> members(String team) {
        return team == null ? null
                : jdbc.queryForList("SELECT agent_id FROM agent_dim WHERE team = ?", String.class, team);
    }
}
