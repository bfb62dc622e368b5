package com.quimbi.crm.sla.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An SLA policy: the first enabled one (by position) whose conditions match a ticket sets its targets.
 */
public record SlaPolicy(UUID id, String name, int position, boolean enabled, Conditions conditions,
        List<Target> targets, List<Integer> warningThresholds, Instant createdAt, Instant updatedAt) {

    /** Each list that is not empty must contain the ticket's value (tags: any of the ticket's tags). */
    public record Conditions(List<String> priorities, List<String> channels, List<String> customerTiers,
            List<String> categories, List<String> tags) {

        public static final Conditions ANY = new Conditions(List.of(), List.of(), List.of(), List.of(), List.of());

        boolean matches(TicketAttributes ticket) {
            return allows(priorities, ticket.priority()) && allows(channels, ticket.channel())
                    && allows(customerTiers, ticket.customerTier() == null ? "standard" : ticket.customerTier())
                    && allows(categories, ticket.category())
                    && (tags == null || tags.isEmpty() || ticket.tags() != null && ticket.tags().stream().anyMatch(tags::contains));
        }

        private static boolean allows(List<String> allowed, String value) {
            return allowed == null || allowed.isEmpty() || value != null && allowed.contains(value);
        }
    }

    /**
     * The target of one metric. Business hours count only the working time of the calendar; calendar hours
     * (businessHours false, no calendar) count every minute.
     */
    public record Target(Metric metric, Duration target, boolean businessHours, UUID calendarId) {
    }

    public boolean matches(TicketAttributes ticket) {
        return enabled && conditions.matches(ticket);
    }

    public Optional<Target> target(Metric metric) {
        return targets.stream().filter(t -> t.metric() == metric).findFirst();
    }
}
