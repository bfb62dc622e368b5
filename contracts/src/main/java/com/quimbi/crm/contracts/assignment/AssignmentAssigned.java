package com.quimbi.crm.contracts.assignment;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** assignment.assigned v1: assignment-service gave a ticket to an agent: auto-assignment, a supervisor's manual assignment, an agent taking it (self) or the receiving side of a transfer. Topic crm.assignment.events, key = ticket id (aggregateType assignment, aggregateId = ticket id), so one ticket's assignment events stay in order. The assignee is this event's assigneeId until the next assignment.assigned or assignment.unassigned of the ticket. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssignmentAssigned(
        UUID ticketId,
        UUID assignmentId,
        String assigneeId,
        AssignedBy assignedBy,
        AssignmentReason reason,
        Instant assignedAt,
        String previousAssigneeId,
        Double score,
        Boolean forced) {

    public static final String TYPE = "assignment.assigned";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.ASSIGNMENT;
    public static final String AGGREGATE = "assignment";

    /** The AssignedBy of the event. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AssignedBy(AssignerType type, String id) {
    }
}
