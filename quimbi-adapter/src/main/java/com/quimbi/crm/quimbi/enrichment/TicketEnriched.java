package com.quimbi.crm.quimbi.enrichment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.quimbi.crm.quimbi.insight.Source;

/**
 * Data of {@code enrichment.ticket_enriched} v1 (contracts/schemas/enrichment.ticket_enriched.v1.json).
 * Topic crm.enrichment.events, key = ticket id. {@code source} is "fallback" unless every part came from
 * Quimbi.
 */
public record TicketEnriched(UUID ticketId, String customerId, String category, double categoryConfidence,
        String sentiment, double sentimentScore, String urgency, double confidence, double churnRisk,
        String churnRiskLevel, BigDecimal ltv, BigDecimal predictedLtv12Months, String currency, String customerTier,
        String language, Source source, String trigger, Instant enrichedAt) {

    public static final String TYPE = "enrichment.ticket_enriched";
    public static final String AGGREGATE = "enrichment";
}
