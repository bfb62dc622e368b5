package com.quimbi.crm.contracts.enrichment;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.customer.CustomerTier;
import com.quimbi.crm.contracts.ticket.TicketPriority;

/** enrichment.ticket_enriched v1: quimbi-adapter classified and scored a ticket (after ticket.created, and again after each customer message). Topic crm.enrichment.events, key = ticket id. The latest event per ticket wins. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TicketEnriched(
        UUID ticketId,
        String customerId,
        Category category,
        double categoryConfidence,
        Sentiment sentiment,
        Double sentimentScore,
        TicketPriority urgency,
        double confidence,
        double churnRisk,
        ChurnRiskLevel churnRiskLevel,
        double ltv,
        Double predictedLtv12Months,
        String currency,
        CustomerTier customerTier,
        String language,
        EnrichmentSource source,
        EnrichmentTrigger trigger,
        Instant enrichedAt) {

    public static final String TYPE = "enrichment.ticket_enriched";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.ENRICHMENT;
    public static final String AGGREGATE = "enrichment";
}
