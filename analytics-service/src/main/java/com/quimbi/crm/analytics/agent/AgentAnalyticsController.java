package com.quimbi.crm.analytics.agent;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.analytics.report.DateRange;
import com.quimbi.crm.analytics.report.RangeParams;
import com.quimbi.crm.analytics.report.Table;
import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Agent performance")
class AgentAnalyticsController {

    static final String SUPERVISOR_OR_SELF = Roles.IS_SUPERVISOR + " or (" + Roles.IS_AGENT
            + " and #id == authentication.name)";

    private final AgentAnalytics analytics;

    AgentAnalyticsController(AgentAnalytics analytics) {
        this.analytics = analytics;
    }

    @GetMapping("/api/analytics/agents/{id}")
    @PreAuthorize(SUPERVISOR_OR_SELF)
    @Operation(summary = "One agent's numbers over a range of UTC days",
            description = "Role: supervisor or admin; an agent may read their own id. from/to: ISO dates (default: the "
                    + "last 30 days), at most crm.analytics.max-span-days apart.")
    AgentMetrics agent(@PathVariable String id,
            @RangeParams(zoned = false) DateRange range) {
        return analytics.agent(id, range);
    }

    @GetMapping("/api/analytics/agents/{id}/today")
    @PreAuthorize(SUPERVISOR_OR_SELF)
    @Operation(summary = "One agent's numbers for the current UTC day",
            description = "Role: supervisor or admin; an agent may read their own id.")
    AgentMetrics today(@PathVariable String id) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return analytics.agent(id, new DateRange(today, today, ZoneOffset.UTC));
    }

    @GetMapping("/api/analytics/team")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Every agent's numbers, or sums per team, department or skill",
            description = "Role: supervisor or admin. groupBy=agent (default), team, department or skill (an agent "
                    + "counts under each of their skills); team= keeps one "
                    + "team's agents. JSON, or CSV with Accept: text/csv.")
    Table team(@RangeParams(zoned = false) DateRange range,
            @RequestParam(required = false) String team,
            @RequestParam(defaultValue = "agent") String groupBy) {
        if ("team".equals(groupBy) || "department".equals(groupBy) || "skill".equals(groupBy)) {
            List<TeamMetrics> rows = analytics.teams(range, groupBy);
            return Table.listing("team", range, rows);
        }
        if (!"agent".equals(groupBy)) {
            throw new com.quimbi.crm.platform.problem.InvalidInputException("groupBy",
                    "is not one of agent, team, department, skill");
        }
        List<AgentMetrics> rows = analytics.agents(range, team);
        return Table.listing("team", range, rows);
    }

    @GetMapping("/api/analytics/leaderboard")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Agents ranked by a metric, with the minimum volume that makes a rank fair",
            description = "Role: supervisor or admin. metric: tickets_solved (default), tickets_per_day, messages_sent, "
                    + "first_reply_time, next_reply_time, resolution_time, one_touch_rate, reopen_rate, occupancy. "
                    + "minVolume (default 5): samples an agent needs to be ranked. CSV with Accept: text/csv.")
    Table leaderboard(
            @RangeParams(zoned = false) DateRange range,
            @RequestParam(required = false) String team,
            @RequestParam(defaultValue = "tickets_solved") String metric,
            @RequestParam(defaultValue = "5") long minVolume) {
        if (minVolume < 0) {
            throw new com.quimbi.crm.platform.problem.InvalidInputException("minVolume", "must be 0 or more");
        }
        Leaderboard board = Leaderboard.rank(analytics.agents(range, team), metric, minVolume);
        List<Leaderboard.Entry> rows = new java.util.ArrayList<>(board.ranked());
        rows.addAll(board.unranked());
        return new Table("leaderboard", rows, board);
    }

}
