package com.quimbi.crm.assignment.assignment;

/** The ticket's assignment after auto-assignment, or null and why it waits in the queue. */
public record AutoAssignResult(TicketAssignment assignment, String waitingReason) {
}
