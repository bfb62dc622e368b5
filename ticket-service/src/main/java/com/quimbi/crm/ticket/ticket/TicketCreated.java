package com.quimbi.crm.ticket.ticket;

import java.time.Instant;
import java.util.UUID;

/** Data of {@code ticket.created} v1 (contracts/schemas/ticket.created.v1.json). */
public record TicketCreated(UUID ticketId, String number, String subject, TicketStatus status,
        TicketPriority priority, TicketChannel channel, String customerEmail, Instant createdAt) {

    public static final String TYPE = "ticket.created";

    static TicketCreated of(Ticket t) {
        return new TicketCreated(t.getId(), t.getNumber(), t.getSubject(), t.getStatus(), t.getPriority(),
                t.getChannel(), t.getCustomerEmail(), t.getCreatedAt());
    }
}
