package com.quimbi.crm.analytics.messaging;

import java.time.Instant;
import java.util.UUID;

/** The part of {@code ticket.created} v1 analytics reads; unknown fields are ignored (contracts grow additively). */
record TicketCreatedData(UUID ticketId, String status, String priority, String channel, Instant createdAt) {
}
