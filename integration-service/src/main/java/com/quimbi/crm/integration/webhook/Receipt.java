package com.quimbi.crm.integration.webhook;

import java.time.Instant;
import java.util.UUID;

/** A stored delivery as an admin sees it (the body stays in the database). */
public record Receipt(UUID id, String shopDomain, String topic, String eventId, Instant triggeredAt,
        Instant receivedAt, String status, int attempts, Instant nextAttemptAt, String lastError, Instant processedAt) {
}
