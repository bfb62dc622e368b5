package com.quimbi.crm.analytics.targets;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.analytics.agent.AgentAnalytics;
import com.quimbi.crm.analytics.config.AnalyticsProperties;
import com.quimbi.crm.analytics.report.DateRange;
import com.quimbi.crm.analytics.report.RangeParams;
import com.quimbi.crm.analytics.report.Table;
import com.quimbi.crm.analytics.sla.SlaAnalytics;
import com.quimbi.crm.analytics.ticket.TicketAnalytics;
import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Targets")
class TargetsController {

    /** One goal against its actual value in the range and in the range before it. */
    record TargetStatus(String name, String metric, String comparator, double goal, Double actual, Double previous,
            String status, String trend) {
    }

    record Targets(LocalDate from, LocalDate to, String team, List<TargetStatus> items) {
    }

    private final AnalyticsProperties properties;
    private final TicketAnalytics tickets;
    private final AgentAnalytics agents;
    private final SlaAnalytics sla;

    TargetsController(AnalyticsProperties properties, TicketAnalytics tickets, AgentAnalytics agents,
            SlaAnalytics sla) {
        this.properties = properties;
        this.tickets = tickets;
        this.agents = agents;
        this.sla = sla;
    }

    @GetMapping("/api/analytics/targets")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "The business targets (crm.analytics.targets) against the actual values",
            description = "Role: supervisor or admin. For the range (and team=), with the value of the range of the "
                    + "same length before it as the trend. status: met, missed or no_data (e.g. CSAT, which no event "
                    + "carries yet). CSV with Accept: text/csv.")
    Table targets(@RangeParams(zoned = false) DateRange range,
            @RequestParam(required = false) String team) {
        List<String> members = agents.members(team);
        List<TargetStatus> rows = new ArrayList<>();
        for (AnalyticsProperties.Target target : properties.targets()) {
            Double actual = actual(target.metric(), range, team, members);
            Double previous = actual(target.metric(), range.previous(), team, members);
            boolean lower = "lt".equals(target.comparator());
            String status = actual == null ? "no_data"
                    : (lower ? actual < target.goal() : actual > target.goal()) ? "met" : "missed";
            String trend = actual == null || previous == null ? null
                    : actual.equals(previous) ? "same" : (lower == actual < previous) ? "better" : "worse";
            rows.add(new TargetStatus(target.name(), target.metric(), target.comparator(), target.goal(), actual,
                    previous, status, trend));
        }
        return new Table("targets", rows, new Targets(range.from(), range.to(), team, rows));
    }

    private Double actual(String metric, DateRange range, String team, List<String> members) {
        return switch (metric) {
            case "first_response_p95_seconds" -> tickets.firstReplyP95(range, members);
            case "resolution_p95_seconds" -> tickets.resolutionP95(range, members);
            case "sla_compliance" -> sla.overall(range, team);
            case "tickets_per_agent_day" -> agents.total(range, team).ticketsPerDay();
            case "csat" -> tickets.csatAverage(range, members); // null (no_data) until csat.rated exists
            default -> null;
        };
    }
}
