package com.quimbi.crm.assignment.assignment;

import java.time.Instant;
import java.util.UUID;

import com.quimbi.crm.contracts.assignment.AssignmentReason;

/**
 * One assignment of a ticket to an agent: a row of the ticket's history. Rows are never overwritten, only
 * ended (status, endedAt, endReason); a reassignment is a new row.
 *
 * @param assignedByType {@code system} (the policy) or {@code agent} (assignedById = their Keycloak subject)
 * @param score          the policy's score when reason is auto
 * @param forced         a supervisor assigned past the agent's capacity
 */
public record TicketAssignment(UUID id, UUID ticketId, UUID agentId, AssignmentStatus status, String assignedByType,
        String assignedById, AssignmentReason reason, Double score, boolean forced, String note, UUID previousAgentId,
        Instant assignedAt, Instant acceptedAt, Instant endedAt, String endReason) {

    public boolean isActive() {
        return status.isActive();
    }
}
