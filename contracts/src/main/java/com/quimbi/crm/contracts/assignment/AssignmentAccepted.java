package com.quimbi.crm.contracts.assignment;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** assignment.accepted v1: The assignee accepted the ticket assigned to them. Topic crm.assignment.events, key = ticket id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssignmentAccepted(
        UUID ticketId,
        UUID assignmentId,
        String agentId,
        Instant acceptedAt) {

    public static final String TYPE = "assignment.accepted";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.ASSIGNMENT;
    public static final String AGGREGATE = "assignment";
}
