package com.quimbi.crm.ticket.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One message on a ticket: a customer's email, an agent's reply or an internal note. The body is kept as
 * plain text and, when it came as HTML, as sanitized HTML.
 */
public record Message(UUID id, UUID ticketId, String authorType, String authorId, String direction, String bodyText,
        String bodyHtml, boolean internal, List<Attachment> attachments, String deliveryStatus, String externalSource,
        String externalId, Instant createdAt, Instant editedAt, Instant deletedAt, String deletedBy, long version) {

    public static final String CUSTOMER = "customer";
    public static final String AGENT = "agent";
    public static final String SYSTEM = "system";

    Message edited(String text, String html, Instant at) {
        return new Message(id, ticketId, authorType, authorId, direction, text, html, internal, attachments,
                deliveryStatus, externalSource, externalId, createdAt, at, deletedAt, deletedBy, version);
    }

    Message deleted(String by, Instant at) {
        return new Message(id, ticketId, authorType, authorId, direction, bodyText, bodyHtml, internal, attachments,
                deliveryStatus, externalSource, externalId, createdAt, editedAt, at, by, version);
    }
}
