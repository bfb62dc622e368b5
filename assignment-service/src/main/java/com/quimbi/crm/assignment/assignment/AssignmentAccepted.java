package com.quimbi.crm.assignment.assignment;

import java.time.Instant;
import java.util.UUID;

/** assignment.accepted v1. */
public record AssignmentAccepted(UUID ticketId, UUID assignmentId, UUID agentId, Instant acceptedAt) {

    public static final String TYPE = "assignment.accepted";
}
