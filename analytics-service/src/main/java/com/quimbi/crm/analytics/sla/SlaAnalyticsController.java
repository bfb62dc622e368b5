package com.quimbi.crm.analytics.sla;

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

import com.quimbi.crm.analytics.config.AnalyticsProperties;
import com.quimbi.crm.analytics.report.DateRange;
import com.quimbi.crm.analytics.report.Listing;
import com.quimbi.crm.analytics.report.Tables;
import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "SLA analytics")
class SlaAnalyticsController {

    private final SlaAnalytics sla;
    private final AnalyticsProperties properties;

    SlaAnalyticsController(SlaAnalytics sla, AnalyticsProperties properties) {
        this.sla = sla;
        this.properties = properties;
    }

    @GetMapping("/api/analytics/sla/compliance")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "SLA compliance per metric, and per priority, team or day",
            description = "Role: supervisor or admin. groupBy=none (default), priority, team, day; team= keeps one "
                    + "team. CSV with Accept: text/csv.")
    ResponseEntity<?> compliance(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String zone, @RequestParam(defaultValue = "none") String groupBy,
            @RequestParam(required = false) String team,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        DateRange range = DateRange.of(from, to, zone, properties.maxSpanDays(), properties.defaultSpanDays());
        List<SlaAnalytics.Compliance> rows = sla.compliance(range, groupBy, team);
        return Tables.respond(accept, "sla-compliance", rows, new Listing<>(range.from(), range.to(), rows));
    }
}
