package com.quimbi.crm.ticket.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A message as the API returns it; {@code read} tells whether the caller has read the ticket past it. */
public record MessageView(UUID id, UUID ticketId, String authorType, String authorId, String direction,
        String body, String html, boolean internal, List<Attachment> attachments, String deliveryStatus,
        Instant createdAt, Instant editedAt, Boolean read, long version) {

    static MessageView of(Message m, Instant readAt) {
        return new MessageView(m.id(), m.ticketId(), m.authorType(), m.authorId(), m.direction(), m.bodyText(),
                m.bodyHtml(), m.internal(), m.attachments(), m.deliveryStatus(), m.createdAt(), m.editedAt(),
                readAt != null && !m.createdAt().isAfter(readAt), m.version());
    }
}
