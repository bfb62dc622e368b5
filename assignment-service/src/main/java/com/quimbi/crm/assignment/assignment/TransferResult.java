package com.quimbi.crm.assignment.assignment;

/** The assignment the transfer ended, and the new one (null when the ticket went to the queue and waits). */
public record TransferResult(TicketAssignment ended, TicketAssignment assignment, String waitingReason) {
}
