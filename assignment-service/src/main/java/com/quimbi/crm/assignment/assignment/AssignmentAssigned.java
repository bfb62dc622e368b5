package com.quimbi.crm.assignment.assignment;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** assignment.assigned v1: the ticket's assignee is now {@code assigneeId}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssignmentAssigned(UUID ticketId, UUID assignmentId, UUID assigneeId, AssignedBy assignedBy, String reason,
        Instant assignedAt, UUID previousAssigneeId, Double score, Boolean forced) {

    public static final String TYPE = "assignment.assigned";

    /** {@code type} system (the policy) or agent (with their id). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AssignedBy(String type, String id) {
    }

    static AssignmentAssigned of(TicketAssignment a) {
        return new AssignmentAssigned(a.ticketId(), a.id(), a.agentId(), new AssignedBy(a.assignedByType(), a.assignedById()),
                a.reason().toString(), a.assignedAt(), a.previousAgentId(), a.score(), a.forced());
    }
}
