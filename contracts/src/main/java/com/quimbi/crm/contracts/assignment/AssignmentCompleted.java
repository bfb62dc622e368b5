package com.quimbi.crm.contracts.assignment;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** assignment.completed v1: The ticket was solved, closed or deleted: its assignment ended and no longer counts toward the agent's load. The assignee stays the ticket's last assignee. Topic crm.assignment.events, key = ticket id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssignmentCompleted(
        UUID ticketId,
        UUID assignmentId,
        String agentId,
        CompletionReason reason,
        Instant completedAt) {

    public static final String TYPE = "assignment.completed";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.ASSIGNMENT;
    public static final String AGGREGATE = "assignment";
}
