package com.quimbi.crm.analytics.ticket;

import java.time.LocalDate;
import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.analytics.agent.AgentAnalytics;
import com.quimbi.crm.analytics.report.DateRange;
import com.quimbi.crm.analytics.report.RangeParams;
import com.quimbi.crm.analytics.report.Table;
import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Ticket analytics")
class TicketAnalyticsController {

    private final TicketAnalytics tickets;
    private final AgentAnalytics agents;

    TicketAnalyticsController(TicketAnalytics tickets, AgentAnalytics agents) {
        this.tickets = tickets;
        this.agents = agents;
    }

    @GetMapping("/api/analytics/tickets/summary")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Ticket counts by current status, channel and priority",
            description = "Role: supervisor or admin. Every known ticket that is not deleted, by its status now (kept "
                    + "from ticket.status_changed); lags the write side by the relay delay (tens of milliseconds).")
    TicketSummary summary() {
        return tickets.summary();
    }

    @GetMapping("/api/analytics/tickets/volume")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Tickets created and resolved per day, week or month in a time zone",
            description = "Role: supervisor or admin. interval=day|week|month, zone=IANA zone (default UTC); from/to "
                    + "are dates in that zone. CSV with Accept: text/csv.")
    Table volume(@RangeParams DateRange range,
            @RequestParam(defaultValue = "day") String interval, @RequestParam(required = false) String zone) {
        List<TicketAnalytics.VolumeBucket> rows = tickets.volume(range, interval);
        return new Table("volume", rows, new Volume(range.from(), range.to(), range.zone().getId(),
                interval, rows));
    }

    record Volume(LocalDate from, LocalDate to, String zone, String interval, List<TicketAnalytics.VolumeBucket> items) {
    }

    @GetMapping("/api/analytics/tickets/channels")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Tickets created in the range by channel", description = "Role: supervisor or admin. CSV "
            + "with Accept: text/csv.")
    Table channels(@RangeParams DateRange range) {
        List<TicketAnalytics.Breakdown> rows = tickets.breakdown(range, "channel");
        return Table.listing("channels", range, rows);
    }

    @GetMapping("/api/analytics/tickets/categories")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Tickets created in the range by category (from AI enrichment)",
            description = "Role: supervisor or admin. CSV with Accept: text/csv.")
    Table categories(@RangeParams DateRange range) {
        List<TicketAnalytics.Breakdown> rows = tickets.breakdown(range, "category");
        return Table.listing("categories", range, rows);
    }

    @GetMapping("/api/analytics/tickets/resolution")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Resolution time percentiles and distribution of tickets first resolved in the range",
            description = "Role: supervisor or admin. priority= and team= narrow it. CSV (the distribution) with "
                    + "Accept: text/csv.")
    Table resolution(@RangeParams DateRange range,
            @RequestParam(required = false) com.quimbi.crm.contracts.ticket.TicketPriority priority,
            @RequestParam(required = false) String team) {
        TicketAnalytics.Resolution resolution = tickets.resolution(range,
                priority == null ? null : com.quimbi.crm.contracts.WireFormat.wireName(priority), agents.members(team));
        return new Table("resolution", resolution.distribution(), resolution);
    }

}
