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
import com.quimbi.crm.platform.security.CurrentActor;
import com.quimbi.crm.platform.security.Roles;
import com.quimbi.crm.platform.web.ETags;
import com.quimbi.crm.ticket.idempotency.IdempotencyKeys;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
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

    static final String CREATE_EXAMPLE = """
            {"subject": "Order #5521 arrived damaged", "description": "The box was crushed and the mug is broken.",
             "priority": "high", "channel": "email", "customerEmail": "maria.lopez@example.com",
             "customerName": "María López", "language": "es", "tags": ["damaged", "refund"],
             "metadata": {"source": "help-center-form"}}""";
    static final String CREATED_EXAMPLE = """
            {"id": "0193a0c4-8000-7000-8000-000000000001", "number": "#1042", "subject": "Order #5521 arrived damaged",
             "description": "The box was crushed and the mug is broken.", "status": "new", "priority": "high",
             "channel": "email", "customerEmail": "maria.lopez@example.com",
             "customerId": "0193a0c4-8000-7000-8000-0000000000c1", "createdBy": "alex.agent",
             "createdAt": "2026-12-07T09:15:00Z", "updatedAt": "2026-12-07T09:15:00Z", "version": 0, "language": "es",
             "tags": ["damaged", "refund"], "metadata": {"source": "help-center-form"}}""";
    static final String PAGE_EXAMPLE = """
            {"items": [{"id": "0193a0c4-8000-7000-8000-000000000001", "number": "#1042",
              "subject": "Order #5521 arrived damaged", "status": "open", "priority": "high", "channel": "email",
              "language": "es", "customerId": "0193a0c4-8000-7000-8000-0000000000c1",
              "customerEmail": "maria.lopez@example.com", "assigneeId": "5b0c2d1e-0000-4000-8000-00000000a1e5",
              "tags": ["damaged", "refund"], "smartDue": "2026-12-07T13:15:00Z",
              "slaNextDeadline": "2026-12-07T10:15:00Z", "slaState": "on_track",
              "createdAt": "2026-12-07T09:15:00Z", "updatedAt": "2026-12-07T09:20:00Z"}],
             "nextCursor": "q7Zx3HRpY2tldHMuc21hcnQfMjAyNi0xMi0wN1QxMzoxNTowMFofMDE5M2EwYzQ"}""";

    private final TicketService tickets;

    TicketController(TicketService tickets) {
        this.tickets = tickets;
    }

    @PostMapping
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Open a ticket", description = "Role: agent or above. Finds or creates the customer by "
            + "email. With Idempotency-Key, repeating the request returns the ticket created first (200, "
            + "Idempotent-Replayed: true); the same key with a different body is a 422. Publishes ticket.created.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CreateTicketRequest.class),
            examples = @ExampleObject(name = "from an e-mail", value = CREATE_EXAMPLE)))
    @ApiResponse(responseCode = "201", description = "Created; Location points at the ticket, ETag is its version",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TicketResponse.class),
                    examples = @ExampleObject(name = "created", value = CREATED_EXAMPLE)))
    @ApiResponse(responseCode = "200", description = "Replayed: this Idempotency-Key already opened this ticket "
            + "(Idempotent-Replayed: true)")
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with a different body")
    ResponseEntity<TicketResponse> open(@Valid @RequestBody CreateTicketRequest request,
            @Parameter(description = "1-200 visible ASCII characters, e.g. a UUID; a retry with the same key and body "
                    + "returns the ticket created first instead of a second one")
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        TicketService.Opened opened = tickets.open(request, CurrentActor.get(), IdempotencyKeys.requireValid(idempotencyKey));
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
    @ApiResponse(responseCode = "200", description = "One page; nextCursor is absent on the last",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "a page", value = PAGE_EXAMPLE)))
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
