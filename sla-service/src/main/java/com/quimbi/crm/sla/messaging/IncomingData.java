package com.quimbi.crm.sla.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** The parts of the consumed contracts sla-service reads; unknown fields are ignored (contracts grow additively). */
final class IncomingData {

    private IncomingData() {
    }

    record TicketCreated(UUID ticketId, String number, String status, String priority, String channel,
            List<String> tags, Instant createdAt) {
    }

    /** {@code changes}: field -> {old, new}; a side that was null is left out. */
    record TicketUpdated(UUID ticketId, Map<String, JsonNode> changes, Instant updatedAt) {
    }

    record TicketStatusChanged(UUID ticketId, String from, String to, Instant changedAt) {
    }

    record TicketDeleted(UUID ticketId, Instant deletedAt) {
    }

    record MessageAdded(UUID ticketId, UUID messageId, String authorType, String direction, Boolean internal,
            Instant createdAt) {
    }

    record TicketEnriched(UUID ticketId, String category, String customerTier, Instant enrichedAt) {
    }
}
