package com.quimbi.crm.assignment.assignment;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One assignment as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AssignmentResponse(UUID id, UUID ticketId, UUID agentId, String status, AssignedBy assignedBy,
        String reason, Double score, boolean forced, String note, UUID previousAgentId, Instant assignedAt,
        Instant acceptedAt, Instant endedAt, String endReason) {

    static AssignmentResponse of(TicketAssignment a) {
        return a == null ? null : new AssignmentResponse(a.id(), a.ticketId(), a.agentId(), a.status().toString(),
                new AssignedBy(a.assignedByType(), a.assignedById()), a.reason().name().toLowerCase(Locale.ROOT),
                a.score(), a.forced(), a.note(), a.previousAgentId(), a.assignedAt(), a.acceptedAt(), a.endedAt(),
                a.endReason());
    }

    /** {@code type} system (the policy) or agent (with their id). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AssignedBy(String type, String id) {
    }
}
