package com.quimbi.crm.analytics.ticket;

import java.time.LocalDate;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.analytics.agent.AgentAnalytics;
import com.quimbi.crm.analytics.config.AnalyticsProperties;
import com.quimbi.crm.analytics.report.DateRange;
import com.quimbi.crm.analytics.report.Listing;
import com.quimbi.crm.analytics.report.Tables;
import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Ticket analytics")
class TicketAnalyticsController {

    private final TicketAnalytics tickets;
    private final AgentAnalytics agents;
    private final AnalyticsProperties properties;

    TicketAnalyticsController(TicketAnalytics tickets, AgentAnalytics agents, AnalyticsProperties properties) {
        this.tickets = tickets;
        this.agents = agents;
        this.properties = properties;
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
    ResponseEntity<?> volume(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "day") String interval, @RequestParam(required = false) String zone,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        DateRange range = range(from, to, zone);
        List<TicketAnalytics.VolumeBucket> rows = tickets.volume(range, interval);
        return Tables.respond(accept, "volume", rows, new Volume(range.from(), range.to(), range.zone().getId(),
                interval, rows));
    }

    record Volume(LocalDate from, LocalDate to, String zone, String interval, List<TicketAnalytics.VolumeBucket> items) {
    }

    @GetMapping("/api/analytics/tickets/channels")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Tickets created in the range by channel", description = "Role: supervisor or admin. CSV "
            + "with Accept: text/csv.")
    ResponseEntity<?> channels(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String zone,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        DateRange range = range(from, to, zone);
        List<TicketAnalytics.Breakdown> rows = tickets.breakdown(range, "channel");
        return Tables.respond(accept, "channels", rows, new Listing<>(range.from(), range.to(), rows));
    }

    @GetMapping("/api/analytics/tickets/categories")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Tickets created in the range by category (from AI enrichment)",
            description = "Role: supervisor or admin. CSV with Accept: text/csv.")
    ResponseEntity<?> categories(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String zone,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        DateRange range = range(from, to, zone);
        List<TicketAnalytics.Breakdown> rows = tickets.breakdown(range, "category");
        return Tables.respond(accept, "categories", rows, new Listing<>(range.from(), range.to(), rows));
    }

    @GetMapping("/api/analytics/tickets/resolution")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Resolution time percentiles and distribution of tickets first resolved in the range",
            description = "Role: supervisor or admin. priority= and team= narrow it. CSV (the distribution) with "
                    + "Accept: text/csv.")
    ResponseEntity<?> resolution(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String zone,
            @RequestParam(required = false) com.quimbi.crm.contracts.ticket.TicketPriority priority,
            @RequestParam(required = false) String team,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        DateRange range = range(from, to, zone);
        TicketAnalytics.Resolution resolution = tickets.resolution(range,
                priority == null ? null : com.quimbi.crm.contracts.WireFormat.wireName(priority), agents.members(team));
        return Tables.respond(accept, "resolution", resolution.distribution(), resolution);
    }

    private DateRange range(LocalDate from, LocalDate to, String zone) {
        return DateRange.of(from, to, zone, properties.maxSpanDays(), properties.defaultSpanDays());
    }
}
