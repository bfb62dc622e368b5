package com.quimbi.crm.ticket.ticket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Data of {@code ticket.created} v1 (contracts/schemas/ticket.created.v1.json). {@code customerId},
 * {@code language}, {@code tags} and {@code description} were added later (optional, additive).
 */
public record TicketCreated(UUID ticketId, String number, String subject, TicketStatus status,
        TicketPriority priority, TicketChannel channel, String customerEmail, Instant createdAt, UUID customerId,
        String language, List<String> tags, String description) {

    public static final String TYPE = "ticket.created";

    static TicketCreated of(Ticket t) {
        return new TicketCreated(t.getId(), t.getNumber(), t.getSubject(), t.getStatus(), t.getPriority(),
                t.getChannel(), t.getCustomerEmail(), t.getCreatedAt(), t.getCustomerId(), t.getLanguage(),
                t.getTags(), t.getDescription());
    }
}
