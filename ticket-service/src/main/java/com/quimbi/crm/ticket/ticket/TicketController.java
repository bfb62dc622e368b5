package com.quimbi.crm.ticket.ticket;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.security.CurrentActor;
import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/tickets")
@Tag(name = "Tickets")
class TicketController {

    private final TicketService tickets;

    TicketController(TicketService tickets) {
        this.tickets = tickets;
    }

    @PostMapping
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Open a ticket", description = "Role: agent or above. Publishes ticket.created.")
    @ApiResponse(responseCode = "201", description = "Created; Location points at the ticket")
    @ApiResponse(responseCode = "400", description = "Invalid fields",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<TicketResponse> open(@Valid @RequestBody CreateTicketRequest request) {
        Ticket ticket = tickets.open(request, CurrentActor.get());
        return ResponseEntity.created(URI.create("/api/tickets/" + ticket.getId()))
                .eTag("\"" + ticket.getVersion() + "\"")
                .body(TicketResponse.of(ticket));
    }

    @GetMapping("/{id}")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Get a ticket", description = "Role: agent or above.")
    @ApiResponse(responseCode = "200", description = "The ticket")
    @ApiResponse(responseCode = "404", description = "No such ticket",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<TicketResponse> get(@PathVariable UUID id) {
        Ticket ticket = tickets.get(id);
        return ResponseEntity.ok().eTag("\"" + ticket.getVersion() + "\"").body(TicketResponse.of(ticket));
    }
}
