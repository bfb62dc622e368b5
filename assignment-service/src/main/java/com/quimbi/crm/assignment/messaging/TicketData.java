package com.quimbi.crm.assignment.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Data of ticket.created / ticket.updated / ticket.status_changed / ticket.deleted / message.added v1, the
 * fields this service reads.
 */
record TicketData(UUID ticketId, String number, String subject, String status, String priority, String channel,
        UUID customerId, String language, List<String> tags, Instant createdAt, Map<String, Change> changes,
        String from, String to, Instant changedAt, Instant deletedAt,
        // message.added
        String authorType, String authorId, String direction, Boolean internal) {

    record Change(Object old, @com.fasterxml.jackson.annotation.JsonProperty("new") Object value) {
    }
}
