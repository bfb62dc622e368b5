package com.quimbi.crm.assignment.messaging;

import java.util.UUID;

/** Data of enrichment.ticket_enriched v1, the fields routing uses. */
record EnrichmentData(UUID ticketId, UUID customerId, String category, Double churnRisk, String churnRiskLevel,
        String customerTier) {
}
