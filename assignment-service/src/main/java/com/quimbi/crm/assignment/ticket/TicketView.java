package com.quimbi.crm.assignment.ticket;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A ticket as ticket-service and quimbi-adapter described it. {@code status} is null while only enrichment
 * has arrived (the topics are not ordered with each other). {@code slaState} / {@code slaNextDeadline}: sla-service's
 * latest view of the ticket's most urgent clock (null until its first sla event; the deadline is null when no
 * clock runs).
 */
public record TicketView(UUID id, String number, String subject, String status, String priority, String channel,
        UUID customerId, String language, Set<String> tags, String category, String customerTier, Double churnRisk,
        String churnRiskLevel, Instant createdAt, boolean deleted, Instant waitingSince, String waitingReason,
        UUID returnedBy, String slaState, Instant slaNextDeadline) {

    /** Statuses in which a ticket needs an owner: everything before solved. */
    public static final Set<String> OPEN_STATUSES = Set.of("new", "open", "pending", "on_hold");

    /** Statuses whose SLA clock runs: only these count toward an agent's load (as in Freshdesk). */
    public static final Set<String> LOAD_STATUSES = Set.of("new", "open");

    public boolean needsAnAgent() {
        return !deleted && status != null && OPEN_STATUSES.contains(status);
    }

    public boolean vip() {
        return "vip".equals(customerTier);
    }
}
