package com.quimbi.crm.ticket.workspace;

import java.util.List;
import java.util.UUID;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.quimbi.crm.contracts.customer.CustomerTier;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.security.CurrentActor;
import com.quimbi.crm.platform.security.Roles;
import com.quimbi.crm.platform.web.ETags;
import com.quimbi.crm.ticket.customer.Customer;
import com.quimbi.crm.ticket.customer.CustomerService;
import com.quimbi.crm.ticket.message.MessageService;
import com.quimbi.crm.ticket.message.MessageView;
import com.quimbi.crm.ticket.ticket.Ticket;
import com.quimbi.crm.ticket.ticket.TicketResponse;
import com.quimbi.crm.ticket.ticket.TicketService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** What an agent opens: the ticket with its customer and latest messages, read from three features at once. */
@RestController
@Tag(name = "Tickets")
class TicketDetailsController {

    static final int LAST_MESSAGES = 5;

    private final TicketService tickets;
    private final CustomerService customers;
    private final MessageService messages;

    TicketDetailsController(TicketService tickets, CustomerService customers, MessageService messages) {
        this.tickets = tickets;
        this.customers = customers;
        this.messages = messages;
    }

    /** The ticket (its fields at the top level) with what an agent needs beside it. */
    record TicketDetails(@JsonUnwrapped TicketResponse ticket, CustomerSummary customer, List<MessageView> lastMessages,
            int unreadMessages) {
    }

    record CustomerSummary(UUID id, String email, String name, CustomerTier tier, String language) {
    }

    @GetMapping("/api/tickets/{id}")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Get a ticket", description = "Role: agent or above. The ticket (with enrichment and SLA "
            + "snapshots), a customer summary, the last messages and how many the caller has not read.")
    @ApiResponse(responseCode = "200", description = "The ticket; ETag carries its version")
    @ApiResponse(responseCode = "404", description = "No such ticket (or it was deleted)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<TicketDetails> get(@PathVariable UUID id) {
        Ticket ticket = tickets.get(id);
        Actor caller = CurrentActor.get();
        CustomerSummary customer = null;
        if (ticket.getCustomerId() != null) {
            Customer c = customers.get(ticket.getCustomerId());
            customer = new CustomerSummary(c.id(), c.email(), c.name(), c.tier(), c.language());
        }
        String reader = String.valueOf(caller.id());
        TicketDetails details = new TicketDetails(TicketResponse.of(ticket), customer,
                messages.last(id, reader, LAST_MESSAGES), messages.unread(id, reader));
        return ResponseEntity.ok().eTag(ETags.of(ticket.getVersion())).body(details);
    }

}
