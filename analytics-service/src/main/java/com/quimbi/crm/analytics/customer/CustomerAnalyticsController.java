package com.quimbi.crm.analytics.customer;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.analytics.report.DateRange;
import com.quimbi.crm.analytics.report.RangeParams;
import com.quimbi.crm.analytics.report.Table;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Customer insights")
class CustomerAnalyticsController {

    private final CustomerAnalytics customers;

    CustomerAnalyticsController(CustomerAnalytics customers) {
        this.customers = customers;
    }

    @GetMapping("/api/analytics/customers/top")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Customers with the most tickets created in the range",
            description = "Role: supervisor or admin. limit 1–500 (default 20). CSV with Accept: text/csv.")
    Table top(@RangeParams DateRange range, @RequestParam(defaultValue = "20") int limit) {
        List<CustomerAnalytics.TopCustomer> rows = customers.top(range, limit(limit));
        return Table.listing("top-customers", range, rows);
    }

    @GetMapping("/api/analytics/customers/churn")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Customers at high churn risk with their unresolved tickets",
            description = "Role: supervisor or admin. High: the newest enrichment says churn level high, or churn risk "
                    + "≥ minRisk (0–1, default 0.7). CSV with Accept: text/csv.")
    Table churn(@RequestParam(defaultValue = "0.7") double minRisk,
            @RequestParam(defaultValue = "50") int limit) {
        if (minRisk < 0 || minRisk > 1) {
            throw new InvalidInputException("minRisk", "must be between 0 and 1");
        }
        List<CustomerAnalytics.ChurnRisk> rows = customers.churn(minRisk, limit(limit));
        return Table.listing("churn-risk", null, rows);
    }

    @GetMapping("/api/analytics/customers/vip")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "VIP customers' first reply and resolution times against everyone's",
            description = "Role: supervisor or admin. Tickets created in the range. CSV with Accept: text/csv.")
    Table vip(@RangeParams DateRange range) {
        List<CustomerAnalytics.Segment> rows = customers.vip(range);
        return Table.listing("vip", range, rows);
    }

    @GetMapping("/api/analytics/customers/repeat-issues")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Tickets whose customer opened one of the same category within N days before",
            description = "Role: supervisor or admin. days 1–90 (default 7), limit 1–500 (default 100). CSV with "
                    + "Accept: text/csv.")
    Table repeatIssues(
            @RangeParams DateRange range, @RequestParam(defaultValue = "7") int days,
            @RequestParam(defaultValue = "100") int limit) {
        if (days < 1 || days > 90) {
            throw new InvalidInputException("days", "must be between 1 and 90");
        }
        List<CustomerAnalytics.RepeatIssue> rows = customers.repeatIssues(range, days, limit(limit));
        return Table.listing("repeat-issues", range, rows);
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit", "must be between 1 and 500");
        }
        return limit;
    }

}
