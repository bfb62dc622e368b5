package com.quimbi.crm.ticket.workspace;

import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.pagination.CursorPage;
import com.quimbi.crm.platform.security.Roles;
import com.quimbi.crm.ticket.activity.ActivityEntry;
import com.quimbi.crm.ticket.activity.ActivityLog;
import com.quimbi.crm.ticket.ticket.TicketService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Ticket activity")
class TicketActivityController {

    private final ActivityLog activity;
    private final TicketService tickets;

    TicketActivityController(ActivityLog activity, TicketService tickets) {
        this.activity = activity;
        this.tickets = tickets;
    }

    @GetMapping("/api/tickets/{id}/activity")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "A ticket's audit trail", description = "Role: agent or above. Who changed what, when; "
            + "oldest first, keyset-paginated.")
    CursorPage<ActivityEntry> list(@PathVariable UUID id, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        tickets.get(id);
        return activity.list(id, cursor, limit);
    }
}
