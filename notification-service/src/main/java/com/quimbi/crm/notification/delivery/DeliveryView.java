package com.quimbi.crm.notification.delivery;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.notification.rules.DestinationType;
import com.quimbi.crm.notification.rules.EventKind;

/** One alert item for one destination, as supervisors see it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(UUID id, UUID ruleId, UUID eventId, EventKind eventKind, UUID ticketId,
        DestinationType destinationType, String destination, DeliveryStatus status, int attempts, String lastError,
        String messageRef, Instant createdAt, Instant nextAttemptAt, Instant sentAt, Object item) {
}
