package com.quimbi.crm.quimbi.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * The part of {@code ticket.created} v1 the adapter reads. {@code description} is optional in v1;
 * {@code customerId} is read when ticket-service sends it (customers arrive with issue #3). Unknown fields
 * are ignored (contracts grow additively).
 */
record TicketCreatedData(UUID ticketId, String number, String subject, String description, String priority,
        String channel, String customerEmail, UUID customerId, Instant createdAt) {
}
