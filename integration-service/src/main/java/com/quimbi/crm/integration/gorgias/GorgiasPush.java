package com.quimbi.crm.integration.gorgias;

import java.time.Instant;
import java.util.UUID;

/** A push to Gorgias as an admin sees it (kind ticket/message/status; failed = given up after the retries). */
public record GorgiasPush(UUID id, String kind, UUID ticketId, UUID messageId, String status, int attempts,
        String lastError, Instant createdAt, Instant nextAttemptAt, Instant doneAt) {
}
