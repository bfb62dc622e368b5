package com.quimbi.crm.assignment.assignment;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** assignment.unassigned v1: the ticket has no assignee and waits in the queue. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssignmentUnassigned(UUID ticketId, UUID previousAssigneeId, String reason, String waitingReason,
        Instant unassignedAt) {

    public static final String TYPE = "assignment.unassigned";
}
