package com.quimbi.crm.assignment.assignment;

import java.time.Instant;
import java.util.UUID;

/** assignment.completed v1: solved, closed or deleted; the assignment no longer counts toward the agent's load. */
public record AssignmentCompleted(UUID ticketId, UUID assignmentId, UUID agentId, String reason, Instant completedAt) {

    public static final String TYPE = "assignment.completed";
}
