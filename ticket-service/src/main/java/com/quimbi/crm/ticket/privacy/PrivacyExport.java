package com.quimbi.crm.ticket.privacy;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;

/**
 * What the CRM holds about a customer, built for a shop's data request: {@code content} has the customer's
 * profile, tickets (with enrichment) and messages; null in lists. {@code found} false = nobody matched.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrivacyExport(UUID id, String source, String shopDomain, String externalCustomerId, String requestId,
        String externalRequestId, UUID customerId, boolean found, int tickets, Instant requestedAt, Instant createdAt,
        JsonNode content) {
}
