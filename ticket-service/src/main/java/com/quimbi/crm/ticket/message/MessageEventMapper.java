package com.quimbi.crm.ticket.message;

import java.time.Instant;
import java.util.Locale;

import com.quimbi.crm.contracts.ticket.AuthorType;
import com.quimbi.crm.contracts.ticket.Channel;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.MessageAttachment;
import com.quimbi.crm.contracts.ticket.MessageChange;
import com.quimbi.crm.contracts.ticket.MessageDirection;
import com.quimbi.crm.contracts.ticket.MessageUpdated;
import com.quimbi.crm.ticket.ticket.Ticket;

/**
 * A message as {@code message.added} / {@code message.updated} carry it. They travel on the ticket's topic keyed by
 * the ticket id, so a ticket's messages and status changes reach consumers (SLA, analytics) in order.
 */
final class MessageEventMapper {

    /** Text sent in events is capped (the schema's maxLength); consumers that need more read the API. */
    static final int TEXT_LIMIT = 10_000;

    private MessageEventMapper() {
    }

    static MessageAdded added(Message m, Ticket ticket) {
        String text = cap(m.bodyText());
        return new MessageAdded(m.id(), ticket.getId(), ticket.getNumber(), ticket.getCustomerId(),
                AuthorType.valueOf(upper(m.authorType())), m.authorId(), MessageDirection.valueOf(upper(m.direction())),
                Channel.valueOf(ticket.getChannel().name()), m.internal(), m.attachments().size(),
                delivery(m.deliveryStatus()), text, text.length() < m.bodyText().length(), m.createdAt(),
                m.attachments().isEmpty() ? null : m.attachments().stream()
                        .map(a -> new MessageAttachment(a.name(), a.contentType(), a.size(), a.url())).toList());
    }

    static MessageUpdated edited(Message m, String newText, Instant at) {
        String text = cap(newText);
        return new MessageUpdated(m.id(), m.ticketId(), MessageChange.EDITED, text, text.length() < newText.length(),
                null, null, at);
    }

    static MessageUpdated deleted(Message m, Instant at) {
        return new MessageUpdated(m.id(), m.ticketId(), MessageChange.DELETED, null, false, null, null, at);
    }

    static MessageUpdated delivery(Message m, DeliveryStatus status, String detail, Instant at) {
        return new MessageUpdated(m.id(), m.ticketId(), MessageChange.DELIVERY, null, false,
                com.quimbi.crm.contracts.ticket.DeliveryStatus.valueOf(status.name()), detail, at);
    }

    private static com.quimbi.crm.contracts.ticket.DeliveryStatus delivery(String stored) {
        return stored == null ? null : com.quimbi.crm.contracts.ticket.DeliveryStatus.valueOf(upper(stored));
    }

    /** JSON Schema counts code points: cutting by them keeps the cap exact and never splits a surrogate pair. */
    static String cap(String text) {
        return text.codePointCount(0, text.length()) <= TEXT_LIMIT ? text
                : text.substring(0, text.offsetByCodePoints(0, TEXT_LIMIT));
    }

    private static String upper(String wire) {
        return wire.toUpperCase(Locale.ROOT);
    }
}
