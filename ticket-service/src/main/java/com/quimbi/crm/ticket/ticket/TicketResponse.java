package com.quimbi.crm.ticket.ticket;

import java.time.Instant;
import java.util.UUID;

public record TicketResponse(UUID id, String number, String subject, String description, TicketStatus status,
        TicketPriority priority, TicketChannel channel, String customerEmail, String createdBy, Instant createdAt,
        Instant updatedAt, long version) {

    static TicketResponse of(Ticket t) {
        return new TicketResponse(t.getId(), t.getNumber(), t.getSubject(), t.getDescription(), t.getStatus(),
                t.getPriority(), t.getChannel(), t.getCustomerEmail(), t.getCreatedBy(), t.getCreatedAt(),
                t.getUpdatedAt(), t.getVersion());
    }
}
