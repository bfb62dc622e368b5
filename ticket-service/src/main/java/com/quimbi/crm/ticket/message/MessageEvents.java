package com.quimbi.crm.ticket.message;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code message.added} / {@code message.updated}. They travel on {@code crm.ticket.events} keyed by the
 * ticket id, so a ticket's messages and status changes reach consumers (SLA, analytics) in order.
 */
public final class MessageEvents {

    private MessageEvents() {
    }

    /** Text sent in events is capped; consumers that need more read the API. */
    static final int TEXT_LIMIT = 10_000;

    public record MessageAdded(UUID messageId, UUID ticketId, String ticketNumber, UUID customerId, String authorType,
            String authorId, String direction, String channel, boolean internal, int attachmentCount,
            String deliveryStatus, String bodyText, boolean bodyTruncated, Instant createdAt) {
        public static final String TYPE = "message.added";
    }

    /** {@code change}: edited (bodyText is the new text) or deleted. */
    /** {@code change}: edited (with the new text), deleted, or delivery (with the provider's status). */
    public record MessageUpdated(UUID messageId, UUID ticketId, String change, String bodyText, boolean bodyTruncated,
            String deliveryStatus, String deliveryDetail, Instant updatedAt) {
        public static final String TYPE = "message.updated";

        static MessageUpdated edited(UUID messageId, UUID ticketId, String text, boolean truncated, Instant at) {
            return new MessageUpdated(messageId, ticketId, "edited", text, truncated, null, null, at);
        }

        static MessageUpdated deleted(UUID messageId, UUID ticketId, Instant at) {
            return new MessageUpdated(messageId, ticketId, "deleted", null, false, null, null, at);
        }

        static MessageUpdated delivery(UUID messageId, UUID ticketId, String status, String detail, Instant at) {
            return new MessageUpdated(messageId, ticketId, "delivery", null, false, status, detail, at);
        }
    }

    static String cap(String text) {
        return text.length() <= TEXT_LIMIT ? text : text.substring(0, TEXT_LIMIT);
    }
}
