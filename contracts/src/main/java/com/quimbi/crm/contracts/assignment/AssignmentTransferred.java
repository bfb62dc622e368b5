package com.quimbi.crm.contracts.assignment;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** assignment.transferred v1: A ticket's assignment was handed on: to another agent, or back to the unassigned queue (toAgentId null). Topic crm.assignment.events, key = ticket id. A transfer to an agent is followed by an assignment.assigned (reason transfer) for the new assignment, a transfer to the queue by an assignment.unassigned (reason queue), so consumers that only track the assignee can read those two types alone. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssignmentTransferred(
        UUID ticketId,
        UUID assignmentId,
        String fromAgentId,
        @JsonInclude(JsonInclude.Include.ALWAYS) String toAgentId,
        String note,
        Instant transferredAt) {

    public static final String TYPE = "assignment.transferred";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.ASSIGNMENT;
    public static final String AGGREGATE = "assignment";
}
