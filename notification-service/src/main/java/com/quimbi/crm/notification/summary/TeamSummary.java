package com.quimbi.crm.notification.summary;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.quimbi.crm.notification.rules.Destination;

/**
 * A configured team summary. {@code lastPeriodEnd}: the end of the last period sent (queued), so the next one is the
 * first scheduled moment after it.
 */
public record TeamSummary(UUID id, String name, String team, SummaryPeriod period, String time, String timeZone,
        DayOfWeek dayOfWeek, boolean enabled, List<Destination> destinations, Instant lastPeriodEnd, long version,
        Instant createdAt, Instant updatedAt, String updatedBy) {
}
