package com.quimbi.crm.ticket.ticket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A ticket as the API returns it. */
public record TicketResponse(UUID id, String number, String subject, String description, TicketStatus status,
        TicketPriority priority, TicketChannel channel, String customerEmail, String createdBy, Instant createdAt,
        Instant updatedAt, long version, String language, UUID customerId, String assigneeId, String category,
        List<String> tags, TicketMetadata metadata, Enrichment enrichment, SlaSnapshot sla, Instant smartDue,
        Instant lastMessageAt) {

    public static TicketResponse of(Ticket t) {
        return new TicketResponse(t.getId(), t.getNumber(), t.getSubject(), t.getDescription(), t.getStatus(),
                t.getPriority(), t.getChannel(), t.getCustomerEmail(), t.getCreatedBy(), t.getCreatedAt(),
                t.getUpdatedAt(), t.getVersion(), t.getLanguage(), t.getCustomerId(), t.getAssigneeId(),
                t.getCategory(), t.getTags(), t.getMetadata(), t.getEnrichment(), t.getSla(), t.getSmartDue(),
                t.getLastMessageAt());
    }
}
