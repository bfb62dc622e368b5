package com.quimbi.crm.analytics.customer;

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
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Customer insights")
class CustomerAnalyticsController {

    private final CustomerAnalytics customers;
    private final AnalyticsProperties properties;

    CustomerAnalyticsController(CustomerAnalytics customers, AnalyticsProperties properties) {
        this.customers = customers;
        this.properties = properties;
    }

    @GetMapping("/api/analytics/customers/top")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Customers with the most tickets created in the range",
            description = "Role: supervisor or admin. limit 1–500 (default 20). CSV with Accept: text/csv.")
    ResponseEntity<?> top(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String zone, @RequestParam(defaultValue = "20") int limit,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        DateRange range = range(from, to, zone);
        List<CustomerAnalytics.TopCustomer> rows = customers.top(range, limit(limit));
        return Tables.respond(accept, "top-customers", rows, new Listing<>(range.from(), range.to(), rows));
    }

    @GetMapping("/api/analytics/customers/churn")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Customers at high churn risk with their unresolved tickets",
            description = "Role: supervisor or admin. High: the newest enrichment says churn level high, or churn risk "
                    + "≥ minRisk (0–1, default 0.7). CSV with Accept: text/csv.")
    ResponseEntity<?> churn(@RequestParam(defaultValue = "0.7") double minRisk,
            @RequestParam(defaultValue = "50") int limit,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        if (minRisk < 0 || minRisk > 1) {
            throw new InvalidInputException("minRisk", "must be between 0 and 1");
        }
        List<CustomerAnalytics.ChurnRisk> rows = customers.churn(minRisk, limit(limit));
        return Tables.respond(accept, "churn-risk", rows, new Listing<>(null, null, rows));
    }

    @GetMapping("/api/analytics/customers/vip")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "VIP customers' first reply and resolution times against everyone's",
            description = "Role: supervisor or admin. Tickets created in the range. CSV with Accept: text/csv.")
    ResponseEntity<?> vip(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String zone,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        DateRange range = range(from, to, zone);
        List<CustomerAnalytics.Segment> rows = customers.vip(range);
        return Tables.respond(accept, "vip", rows, new Listing<>(range.from(), range.to(), rows));
    }

    @GetMapping("/api/analytics/customers/repeat-issues")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Tickets whose customer opened one of the same category within N days before",
            description = "Role: supervisor or admin. days 1–90 (default 7), limit 1–500 (default 100). CSV with "
                    + "Accept: text/csv.")
    ResponseEntity<?> repeatIssues(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String zone, @RequestParam(defaultValue = "7") int days,
            @RequestParam(defaultValue = "100") int limit,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        if (days < 1 || days > 90) {
            throw new InvalidInputException("days", "must be between 1 and 90");
        }
        DateRange range = range(from, to, zone);
        List<CustomerAnalytics.RepeatIssue> rows = customers.repeatIssues(range, days, limit(limit));
        return Tables.respond(accept, "repeat-issues", rows, new Listing<>(range.from(), range.to(), rows));
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit", "must be between 1 and 500");
        }
        return limit;
    }

    private DateRange range(LocalDate from, LocalDate to, String zone) {
        return DateRange.of(from, to, zone, properties.maxSpanDays(), properties.defaultSpanDays());
    }
}
