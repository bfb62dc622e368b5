package com.quimbi.crm.contracts.assignment;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** assignment.unassigned v1: A ticket lost its assignee and waits in the unassigned queue (until an assignment.assigned follows). Topic crm.assignment.events, key = ticket id. reason: queue (transferred back to the queue), agent_deactivated, agent_offline (offline or away past the grace period), ticket_closed, ticket_deleted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssignmentUnassigned(
        UUID ticketId,
        String previousAssigneeId,
        UnassignReason reason,
        String waitingReason,
        Instant unassignedAt) {

    public static final String TYPE = "assignment.unassigned";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.ASSIGNMENT;
    public static final String AGGREGATE = "assignment";
}
