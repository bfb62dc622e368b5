package com.quimbi.crm.ticket.ticket;

import java.time.Instant;

import com.quimbi.crm.contracts.customer.CustomerTier;

/** What enrichment (Quimbi, via crm.enrichment.events) last said about the ticket and its customer. */
public record Enrichment(Double categoryConfidence, Double sentiment, Double churnRisk, Double ltv,
        CustomerTier customerTier, Instant enrichedAt) {

    public static final Enrichment NONE = new Enrichment(null, null, null, null, CustomerTier.STANDARD, null);
}
