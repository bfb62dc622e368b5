package com.quimbi.crm.analytics.sla;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.analytics.report.DateRange;
import com.quimbi.crm.platform.problem.InvalidInputException;

/**
 * SLA compliance from sla_outcome: a clock counts in the range its outcome (met, or breached, whichever came first)
 * falls in; compliance = clocks not breached / clocks with an outcome.
 */
@Service
@Transactional(readOnly = true)
public class SlaAnalytics {

    public record Compliance(String metric, String group, long clocks, long met, long breached, Double compliance) {
    }

    private final JdbcTemplate jdbc;

    SlaAnalytics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** groupBy: none, priority, team (of the ticket's current assignee), day (in the range's zone). */
    public List<Compliance> compliance(DateRange range, String groupBy, String team) {
        String group = switch (groupBy) {
            case "none" -> "'all'";
            case "priority" -> "coalesce(o.priority, 'unknown')";
            case "team" -> "coalesce(a.team, '(none)')";
            case "day" -> "to_char(o.outcome_at AT TIME ZONE '" + range.zone().getId().replace("'", "") + "', 'YYYY-MM-DD')";
            default -> throw new InvalidInputException("groupBy", "is not one of none, priority, team, day");
        };
        List<Object> args = new ArrayList<>(List.of(Timestamp.from(range.start()), Timestamp.from(range.end())));
        String teamFilter = "";
        if (team != null) {
            teamFilter = " AND a.team = ?";
            args.add(team);
        }
        return jdbc.query("SELECT o.metric, " + group + ", count(*), count(*) FILTER (WHERE NOT o.breached), "
                + "count(*) FILTER (WHERE o.breached) FROM sla_outcome o "
                // priority and assignee are kept on the outcome (V6): no join with ticket_fact
                + "LEFT JOIN agent_dim a ON a.agent_id = o.assignee_id "
                + "WHERE o.outcome_at >= ? AND o.outcome_at < ?" + teamFilter + " GROUP BY 1, 2 ORDER BY 1, 2",
                (rs, n) -> new Compliance(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(3) == 0 ? null : (double) rs.getLong(4) / rs.getLong(3)),
                args.toArray());
    }

    /** All metrics together: clocks not breached / clocks with an outcome (null without any). */
    public Double overall(DateRange range, String team) {
        long clocks = 0;
        long met = 0;
        for (Compliance row : compliance(range, "none", team)) {
            clocks += row.clocks();
            met += row.met();
        }
        return clocks == 0 ? null : (double) met / clocks;
    }
}
