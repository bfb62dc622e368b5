package com.quimbi.crm.analytics.ticket;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Ticket analytics")
class TicketSummaryController {

    private final TicketFacts facts;

    TicketSummaryController(TicketFacts facts) {
        this.facts = facts;
    }

    @GetMapping("/api/analytics/tickets/summary")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Ticket counts by status and channel",
            description = "Role: supervisor or admin. Built from crm.ticket.events; lags the write side by the relay "
                    + "delay (tens of milliseconds).")
    TicketSummary summary() {
        return facts.summary();
    }
}
