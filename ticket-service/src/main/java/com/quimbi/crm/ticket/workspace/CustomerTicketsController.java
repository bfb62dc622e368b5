package com.quimbi.crm.ticket.workspace;

import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.pagination.CursorPage;
import com.quimbi.crm.platform.security.Roles;
import com.quimbi.crm.ticket.customer.CustomerService;
import com.quimbi.crm.ticket.ticket.TicketFilter;
import com.quimbi.crm.ticket.ticket.TicketService;
import com.quimbi.crm.ticket.ticket.TicketSort;
import com.quimbi.crm.ticket.ticket.TicketSummary;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A customer's tickets: customers know nothing of tickets, so the list lives here. */
@RestController
@Tag(name = "Customers")
class CustomerTicketsController {

    private final CustomerService customers;
    private final TicketService tickets;

    CustomerTicketsController(CustomerService customers, TicketService tickets) {
        this.customers = customers;
        this.tickets = tickets;
    }

    @GetMapping("/api/customers/{id}/tickets")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "A customer's tickets", description = "Role: agent or above. Newest first, keyset-paginated.")
    CursorPage<TicketSummary> tickets(@PathVariable UUID id, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        customers.get(id);
        return tickets.list(TicketFilter.byCustomer(id), TicketSort.CREATED, cursor, limit);
    }

}
