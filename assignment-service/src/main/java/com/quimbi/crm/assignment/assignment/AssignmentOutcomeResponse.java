package com.quimbi.crm.assignment.assignment;

import java.util.UUID;

/**
 * What auto-assign or transfer left: the current assignment, or none and why the ticket waits.
 *
 * @param ended the assignment a transfer ended (transfer only)
 */
record AssignmentOutcomeResponse(UUID ticketId, boolean assigned, AssignmentResponse assignment, String waitingReason,
        AssignmentResponse ended) {
}
