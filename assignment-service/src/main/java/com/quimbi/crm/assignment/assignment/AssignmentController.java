package com.quimbi.crm.assignment.assignment;

import java.util.List;
import java.util.UUID;

import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.assignment.ticket.QueueOrder;
import com.quimbi.crm.platform.pagination.Cursor;
import com.quimbi.crm.platform.pagination.CursorPage;
import com.quimbi.crm.platform.security.CurrentActor;
import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api")
@Tag(name = "Assignments")
class AssignmentController {

    /** The agent themself, or a supervisor (or admin) for anyone. */
    static final String SELF_OR_SUPERVISOR = Roles.IS_SUPERVISOR + " or (" + Roles.IS_AGENT
            + " and #id.toString() == authentication.name)";
    private static final String PROBLEM = "application/problem+json";

    private final AssignmentService assignments;

    AssignmentController(AssignmentService assignments) {
        this.assignments = assignments;
    }

    @PostMapping("/tickets/{id}/assign")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Assign a ticket to an agent",
            description = "Role: supervisor (anyone, may take it from its assignee, may force past capacity) or agent "
                    + "(themself only, and only an unassigned ticket). Checks capacity for new/open tickets. Idempotent "
                    + "for the current assignee. Publishes assignment.assigned (and assignment.transferred when it had "
                    + "another assignee).")
    @ApiResponse(responseCode = "200", description = "The ticket's assignment")
    @ApiResponse(responseCode = "400", description = "Invalid fields", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "An agent assigning someone else, or forcing", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "Unknown ticket or agent", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "Agent at capacity or deactivated, ticket solved/closed or someone else's", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    AssignmentResponse assign(@PathVariable UUID id, @Valid @RequestBody AssignRequest request) {
        return AssignmentResponse.of(assignments.assign(id, request.agentId(), Boolean.TRUE.equals(request.force()),
                request.note(), caller()));
    }

    @PostMapping("/tickets/{id}/auto-assign")
    @PreAuthorize(Roles.IS_SUPERVISOR)
    @Operation(summary = "Route a ticket with the AssignmentPolicy now",
            description = "Role: supervisor or admin (agents take work with assign-to-self; routing others' work is a "
                    + "supervisor's call). An assigned ticket keeps its assignment. When nobody is eligible the ticket "
                    + "waits in the queue and the answer says why. Publishes assignment.assigned (reason auto).")
    @ApiResponse(responseCode = "200", description = "Assigned, or waiting with the reason")
    @ApiResponse(responseCode = "404", description = "Unknown ticket", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The ticket is solved or closed", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    AssignmentOutcomeResponse autoAssign(@PathVariable UUID id) {
        AutoAssignResult result = assignments.autoAssign(id);
        return new AssignmentOutcomeResponse(id, result.assignment() != null, AssignmentResponse.of(result.assignment()),
                result.waitingReason(), null);
    }

    @PostMapping("/tickets/{id}/transfer")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Transfer a ticket to another agent or back to the queue",
            description = "Role: the ticket's assignee, or supervisor and above. toAgentId null = back to the queue (the "
                    + "ticket is routed again at once, never straight back to the sender). Publishes "
                    + "assignment.transferred, then assignment.assigned (reason transfer) or assignment.unassigned (reason queue).")
    @ApiResponse(responseCode = "200", description = "The ended and the new assignment (or why it waits)")
    @ApiResponse(responseCode = "403", description = "Neither the assignee nor a supervisor", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "Unknown ticket or agent", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "No assignee to transfer from, or the receiver is at capacity", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    AssignmentOutcomeResponse transfer(@PathVariable UUID id, @Valid @RequestBody TransferRequest request) {
        TransferResult result = assignments.transfer(id, request.toAgentId(), request.note(),
                Boolean.TRUE.equals(request.force()), caller());
        return new AssignmentOutcomeResponse(id, result.assignment() != null, AssignmentResponse.of(result.assignment()),
                result.waitingReason(), AssignmentResponse.of(result.ended()));
    }

    @PostMapping("/tickets/{id}/accept")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "Accept the ticket assigned to you",
            description = "Role: the assignee only (a supervisor cannot accept for them). Accepting twice is a no-op. "
                    + "Publishes assignment.accepted.")
    @ApiResponse(responseCode = "403", description = "Not the assignee", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "Unknown ticket", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The assignment already ended (completed, transferred, unassigned)", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    AssignmentResponse accept(@PathVariable UUID id) {
        return AssignmentResponse.of(assignments.accept(id, caller()));
    }

    @GetMapping("/tickets/{id}/assignments")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "A ticket's assignment history", description = "Role: agent or above. Every assignment, oldest first.")
    @ApiResponse(responseCode = "404", description = "Unknown ticket", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    List<AssignmentResponse> history(@PathVariable UUID id) {
        return assignments.history(id).stream().map(AssignmentResponse::of).toList();
    }

    private static final String UNASSIGNED = "unassigned-queue";

    @GetMapping("/tickets/unassigned")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "The unassigned queue",
            description = "Role: agent or above. In the order a drain offers them to agents: SLA breached first, then "
                    + "earliest SLA deadline (none last), then customer value (VIP, churn risk), then priority, then "
                    + "longest waiting; each with its SLA state and why it waits. Keyset pagination: pass nextCursor "
                    + "back as cursor.")
    CursorPage<WaitingTicketResponse> unassigned(@RequestParam(required = false) String cursor,
            @RequestParam(required = false) @Parameter(description = "page size, 1-200, default 50") Integer limit) {
        int size = Cursor.limit(limit);
        Cursor.Keys keys = Cursor.decode(cursor, UNASSIGNED, 6);
        QueueOrder.Key after = keys == null ? null : new QueueOrder.Key(keys.integer(0), keys.instant(1),
                keys.integer(2), keys.integer(3), keys.instant(4), keys.uuid(5));
        return CursorPage.of(assignments.unassigned(after, size + 1), size, w -> {
            QueueOrder.Key last = w.key();
            return Cursor.encode(UNASSIGNED, last.breachRank(), last.deadline(), last.valueRank(), last.urgencyRank(),
                    last.since(), last.id());
        }).map(w -> WaitingTicketResponse.of(w.ticket()));
    }

    @GetMapping("/agents/{id}/queue")
    @PreAuthorize(SELF_OR_SUPERVISOR)
    @Operation(summary = "An agent's work queue with workload",
            description = "Role: the agent themself, or supervisor and above. Their current tickets: SLA breached "
                    + "first, then earliest SLA deadline (none last), then customer value (VIP, churn risk), then "
                    + "priority, then oldest; openCount counts new/open tickets (what "
                    + "capacity limits), oldestWaitingSince is the creation time of the oldest of those.")
    @ApiResponse(responseCode = "403", description = "Another agent's queue", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "Unknown agent", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    AgentQueue queue(@PathVariable UUID id) {
        return assignments.queue(id);
    }

    /** The token's subject and whether it holds supervisor (admins arrive with the supervisor role too via the hierarchy). */
    private static Caller caller() {
        return new Caller(SecurityContextHolder.getContext().getAuthentication().getName(),
                CurrentActor.hasRole(Roles.SUPERVISOR));
    }
}
