package com.quimbi.crm.contracts.integration;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** integration.customer_redaction_requested v1: A shop asked for a customer's personal data to be erased (Shopify customers/redact, or every known customer of a shop on shop/redact). Topic crm.integration.events, key = the external customer id. ticket-service anonymizes the customer and its tickets and publishes customer.redacted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CustomerRedactionRequested(
        CustomerSource source,
        String shopDomain,
        String externalId,
        String email,
        String phone,
        String requestId,
        RedactionReason reason,
        Instant requestedAt) {

    public static final String TYPE = "integration.customer_redaction_requested";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.INTEGRATION;
    public static final String AGGREGATE = "integration";
}
