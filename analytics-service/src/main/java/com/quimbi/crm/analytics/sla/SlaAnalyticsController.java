package com.quimbi.crm.analytics.sla;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.analytics.report.DateRange;
import com.quimbi.crm.analytics.report.RangeParams;
import com.quimbi.crm.analytics.report.Table;
import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "SLA analytics")
class SlaAnalyticsController {

    private final SlaAnalytics sla;

    SlaAnalyticsController(SlaAnalytics sla) {
        this.sla = sla;
    }

    @GetMapping("/api/analytics/sla/compliance")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "SLA compliance per metric, and per priority, team or day",
            description = "Role: supervisor or admin. groupBy=none (default), priority, team, day; team= keeps one "
                    + "team. CSV with Accept: text/csv.")
    Table compliance(
            @RangeParams DateRange range, @RequestParam(defaultValue = "none") String groupBy,
            @RequestParam(required = false) String team) {
        List<SlaAnalytics.Compliance> rows = sla.compliance(range, groupBy, team);
        return Table.listing("sla-compliance", range, rows);
    }
}
