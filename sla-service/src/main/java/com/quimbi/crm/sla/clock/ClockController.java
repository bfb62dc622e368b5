package com.quimbi.crm.sla.clock;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.pagination.CursorPage;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.security.Roles;
import com.quimbi.crm.sla.policy.Metric;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/sla")
@Tag(name = "SLA clocks")
class ClockController {

    private static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");

    private final SlaClockService clocks;

    ClockController(SlaClockService clocks) {
        this.clocks = clocks;
    }

    record TicketSlaResponse(UUID ticketId, UUID policyId, String policyName, String priority, String status,
            List<ClockResponse> clocks) {
    }

    @GetMapping("/tickets/{id}")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "A ticket's SLA clocks", description = "Role: agent or above. Every clock (first_response, "
            + "next_response cycles, resolution cycles, periodic_update cycles) with target, elapsed and remaining business time as of now, "
            + "state, deadline and breach time.")
    @ApiResponse(responseCode = "404", description = "sla-service knows no such ticket", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    TicketSlaResponse ticket(@PathVariable UUID id) {
        SlaClockService.TicketSla sla = clocks.ticket(id);
        return new TicketSlaResponse(sla.ticketId(), sla.policyId(), sla.policyName(), sla.priority(), sla.status(),
                sla.clocks().stream().map(ClockResponse::of).toList());
    }

    @GetMapping("/breaches")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Breached clocks", description = "Role: agent or above. Latest breach first; keyset "
            + "pagination: pass nextCursor back as cursor.")
    CursorPage<ClockResponse> breaches(@RequestParam(required = false) Metric metric,
            @RequestParam(required = false) @Parameter(description = "low, normal, high, urgent") String priority,
            @RequestParam(required = false) @Parameter(description = "breached at or after (ISO-8601 instant)")
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @Parameter(description = "breached before (ISO-8601 instant)")
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) @Parameter(description = "page size, 1-200, default 50") Integer limit) {
        CursorPage<SlaClock> page = clocks.breaches(metric, priority(priority), from, to, cursor, limit);
        return new CursorPage<>(page.items().stream().map(ClockResponse::of).toList(), page.nextCursor());
    }

    @GetMapping("/at-risk")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Clocks at risk", description = "Role: agent or above. Running clocks past their first "
            + "warning threshold and not yet breached, earliest deadline first; keyset pagination.")
    CursorPage<ClockResponse> atRisk(@RequestParam(required = false) Metric metric,
            @RequestParam(required = false) @Parameter(description = "low, normal, high, urgent") String priority,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) @Parameter(description = "page size, 1-200, default 50") Integer limit) {
        CursorPage<SlaClock> page = clocks.atRisk(metric, priority(priority), cursor, limit);
        return new CursorPage<>(page.items().stream().map(ClockResponse::of).toList(), page.nextCursor());
    }

    @GetMapping("/dashboard")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "SLA compliance", description = "Role: agent or above. For clocks started in [from, to) "
            + "(UTC dates, default the last 30 days up to today inclusive): compliance % per metric and per metric and "
            + "priority (met in time / met or breached), and how many are at risk and breached.")
    @ApiResponse(responseCode = "400", description = "from after to, or a range over 366 days", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    SlaClockService.Dashboard dashboard(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        LocalDate last = to == null ? LocalDate.now(ZoneOffset.UTC) : to;
        LocalDate first = from == null ? last.minusDays(29) : from;
        if (first.isAfter(last)) {
            throw new InvalidInputException("from", "must not be after to");
        }
        Instant start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (Duration.between(start, end).toDays() > 366) {
            throw new InvalidInputException("from", "the range may span at most 366 days");
        }
        return clocks.dashboard(start, end);
    }

    private static String priority(String priority) {
        if (priority == null) {
            return null;
        }
        String p = priority.strip().toLowerCase(java.util.Locale.ROOT);
        if (!PRIORITIES.contains(p)) {
            throw new InvalidInputException("priority", "has an invalid value '" + priority + "' (allowed: " + String.join(", ", PRIORITIES) + ")");
        }
        return p;
    }
}
