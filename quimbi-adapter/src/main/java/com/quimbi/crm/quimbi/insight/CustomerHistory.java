package com.quimbi.crm.quimbi.insight;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the adapter knows of a customer from the event stream: orders (when an integration reports them)
 * and support tickets. Input of the fallback churn, LTV and DNA heuristics.
 */
public record CustomerHistory(String customerId, int orderCount, BigDecimal totalSpent, Instant firstOrderAt,
        Instant lastOrderAt, int ticketCount, int ticketsLast90Days, int negativeTicketsLast90Days,
        Instant firstSeenAt, Instant lastTicketAt, String lastChannel) {

    public static CustomerHistory unknown(String customerId) {
        return new CustomerHistory(customerId, 0, BigDecimal.ZERO, null, null, 0, 0, 0, null, null, null);
    }
}
