package com.quimbi.crm.assignment.assignment;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** assignment.transferred v1; {@code toAgentId} null (written out as null) = back to the queue. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssignmentTransferred(UUID ticketId, UUID assignmentId, UUID fromAgentId,
        @JsonInclude(JsonInclude.Include.ALWAYS) UUID toAgentId, String note, Instant transferredAt) {

    public static final String TYPE = "assignment.transferred";
}
