package com.quimbi.crm.automation.eventrules;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What event-rule conditions look at, from automation-service's own read model (crm.ticket.events and
 * crm.enrichment.events): wire values in lower case, null when unknown. {@code text} is the triggering text (the
 * description at creation, a customer message's body) or, in a dry run, the newest one kept.
 */
public record TicketFacts(UUID ticketId, String status, String priority, String channel, List<String> tags,
        String category, String language, String tier, String churnRisk, String subject, String text,
        String customerEmail, int previousTickets, Instant statusSince) {

    public TicketFacts {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
