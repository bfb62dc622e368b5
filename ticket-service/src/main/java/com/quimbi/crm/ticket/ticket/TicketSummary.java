package com.quimbi.crm.ticket.ticket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A ticket as a list shows it (no description or message bodies). {@code rank} is set for searches. */
public record TicketSummary(UUID id, String number, String subject, TicketStatus status, TicketPriority priority,
        TicketChannel channel, String language, UUID customerId, String customerEmail, String assigneeId,
        String category, List<String> tags, Instant smartDue, Instant slaNextDeadline, String slaState,
        Instant createdAt, Instant updatedAt, Instant lastMessageAt, Float rank) {
}
