package com.quimbi.crm.ticket.activity;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.quimbi.crm.platform.event.Actor;

/** One line of a ticket's audit trail: who did what, when, with the details (e.g. field changes, old and new). */
public record ActivityEntry(UUID id, UUID ticketId, Actor actor, String action, Map<String, Object> details,
        Instant occurredAt) {
}
