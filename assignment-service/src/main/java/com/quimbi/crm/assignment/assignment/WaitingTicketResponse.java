package com.quimbi.crm.assignment.assignment;

import java.time.Instant;
import java.util.UUID;

import com.quimbi.crm.assignment.ticket.TicketView;

/** A ticket in the unassigned queue and why it waits. */
record WaitingTicketResponse(UUID ticketId, String number, String subject, String status, String priority,
        String channel, String category, String language, String customerTier, String churnRiskLevel,
        Instant waitingSince, String waitingReason, String slaState, Instant slaNextDeadline) {

    static WaitingTicketResponse of(TicketView t) {
        return new WaitingTicketResponse(t.id(), t.number(), t.subject(), t.status(), t.priority(), t.channel(),
                t.category(), t.language(), t.customerTier(), t.churnRiskLevel(), t.waitingSince(), t.waitingReason(),
                t.slaState(), t.slaNextDeadline());
    }
}
