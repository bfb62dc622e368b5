package com.quimbi.crm.ticket.ticket;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.pagination.CursorPage;
import com.quimbi.crm.platform.problem.InvalidInputException;
import com.quimbi.crm.platform.security.CurrentActor;
import com.quimbi.crm.platform.security.Roles;
import com.quimbi.crm.platform.web.ETags;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/tickets")
@Tag(name = "Tickets")
@ApiResponse(responseCode = "400", description = "Invalid input",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class TicketController {

    private final TicketService tickets;

    TicketController(TicketService tickets) {
        this.tickets = tickets;
    }

    @PostMapping
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Open a ticket", description = "Role: agent or above. Finds or creates the customer by "
            + "email. With Idempotency-Key, repeating the request returns the ticket created first (200, "
            + "Idempotent-Replayed: true); the same key with a different body is a 422. Publishes ticket.created.")
    @ApiResponse(responseCode = "201", description = "Created; Location points at the ticket")
    ResponseEntity<TicketResponse> open(@Valid @RequestBody CreateTicketRequest request,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        // visible ASCII only: a header is bytes, and a UTF-8 or control-character key means a different key to
        // every hop that decodes it
        if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > 200
                || !idempotencyKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7e))) {
            throw new InvalidInputException("Idempotency-Key", "must be 1-200 visible ASCII characters");
        }
        TicketService.Opened opened = tickets.open(request, CurrentActor.get(), idempotencyKey);
        Ticket ticket = opened.ticket();
        if (opened.replayed()) {
            return ResponseEntity.ok().eTag(ETags.of(ticket.getVersion())).header("Idempotent-Replayed", "true")
                    .location(URI.create("/api/tickets/" + ticket.getId())).body(TicketResponse.of(ticket));
        }
        return ResponseEntity.created(URI.create("/api/tickets/" + ticket.getId()))
                .eTag(ETags.of(ticket.getVersion()))
                .body(TicketResponse.of(ticket));
    }

    @GetMapping
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "List and search tickets", description = "Role: agent or above. Filters combine with AND; "
            + "list filters take several comma-separated values. q searches subject, description and message "
            + "bodies (ranked). Keyset pagination: pass nextCursor back as cursor; limit 1-200 (default 50).")
    CursorPage<TicketSummary> list(
            @RequestParam(required = false) List<TicketStatus> status,
            @RequestParam(required = false) List<TicketPriority> priority,
            @RequestParam(required = false) List<TicketChannel> channel,
            @RequestParam(required = false) UUID customerId,
            @Parameter(description = "an agent id, or none for unassigned tickets") @RequestParam(required = false) String assigneeId,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String category,
            @Parameter(description = "ISO-8601 instant, inclusive") @RequestParam(required = false) Instant createdFrom,
            @Parameter(description = "ISO-8601 instant, exclusive") @RequestParam(required = false) Instant createdTo,
            @RequestParam(required = false) Instant updatedFrom,
            @RequestParam(required = false) Instant updatedTo,
            @Parameter(description = "full-text search (web search syntax: words, \"phrases\", -exclusions)") @RequestParam(required = false) String q,
            @Parameter(description = "the SLA state sla-service last reported: on_track, at_risk, breached, paused, met "
                    + "(e.g. at_risk,breached for the tickets about to miss or past their deadline)")
            @RequestParam(required = false) List<String> slaState,
            @Parameter(description = "smart (default), created, updated, priority; relevance (default with q)") @RequestParam(required = false) TicketSort sort,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        boolean unassigned = "none".equals(assigneeId);
        TicketFilter filter = new TicketFilter(status, priority, channel, customerId, unassigned ? null : assigneeId,
                unassigned, tag, category, createdFrom, createdTo, updatedFrom, updatedTo, q, slaState);
        return tickets.list(filter, sort, cursor, limit);
    }

    @PatchMapping("/{id}")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Change a ticket", description = "Role: agent or above. Partial update. If-Match with the "
            + "ETag read before makes a concurrent change a 412 instead of a silent overwrite. An illegal status "
            + "transition (e.g. out of closed) is a 409. Publishes ticket.updated and/or ticket.status_changed.")
    @ApiResponse(responseCode = "200", description = "The changed ticket; ETag carries the new version")
    @ApiResponse(responseCode = "409", description = "Illegal status transition, closed ticket, or concurrent change",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "412", description = "If-Match is not the current version",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<TicketResponse> update(@PathVariable UUID id, @Valid @RequestBody UpdateTicketRequest request,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        Ticket ticket = tickets.update(id, request, ETags.ifMatch(ifMatch), CurrentActor.get());
        return ResponseEntity.ok().eTag(ETags.of(ticket.getVersion())).body(TicketResponse.of(ticket));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Delete a ticket (soft)", description = "Role: supervisor or admin. The ticket leaves "
            + "lists and reads; its history stays. Publishes ticket.deleted.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        tickets.delete(id, CurrentActor.get());
        return ResponseEntity.noContent().build();
    }
}
