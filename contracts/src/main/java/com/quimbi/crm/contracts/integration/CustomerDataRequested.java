package com.quimbi.crm.contracts.integration;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** integration.customer_data_requested v1: A shop asked for the data the CRM holds about a customer (Shopify customers/data_request). Topic crm.integration.events, key = the external customer id. ticket-service builds an export for an admin to hand over. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CustomerDataRequested(
        CustomerSource source,
        String shopDomain,
        String externalId,
        String email,
        String phone,
        String requestId,
        String externalRequestId,
        Instant requestedAt) {

    public static final String TYPE = "integration.customer_data_requested";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.INTEGRATION;
    public static final String AGGREGATE = "integration";
}
