package com.quimbi.crm.notification.rules;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A notification rule: an event kind, filters, destinations. */
public record NotificationRule(UUID id, String name, EventKind eventKind, boolean enabled, RuleFilters filters,
        List<Destination> destinations, long version, Instant createdAt, Instant updatedAt, String updatedBy) {
}
