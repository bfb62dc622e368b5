package com.quimbi.crm.ticket.ticket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Filters of the ticket list; null or empty = no filter. All given filters must hold (AND). {@code slaState} holds
 * lower-case {@code ClockState} names (on_track, at_risk, breached, paused, met), as crm.sla.events last reported.
 */
public record TicketFilter(List<TicketStatus> status, List<TicketPriority> priority, List<TicketChannel> channel,
        UUID customerId, String assigneeId, boolean unassigned, String tag, String category, Instant createdFrom,
        Instant createdTo, Instant updatedFrom, Instant updatedTo, String q, List<String> slaState) {

    public static TicketFilter byCustomer(UUID customerId) {
        return new TicketFilter(null, null, null, customerId, null, false, null, null, null, null, null, null, null, null);
    }
}
