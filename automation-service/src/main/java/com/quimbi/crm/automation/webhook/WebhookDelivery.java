package com.quimbi.crm.automation.webhook;

import java.time.Instant;
import java.util.UUID;

/** One line of an endpoint's delivery log (the payload is the event; the secret never appears). */
public record WebhookDelivery(UUID id, UUID endpointId, UUID eventId, String eventType, String status, int attempts,
        Instant nextAttemptAt, Integer responseStatus, String lastError, Instant createdAt, Instant lastAttemptAt) {
}
