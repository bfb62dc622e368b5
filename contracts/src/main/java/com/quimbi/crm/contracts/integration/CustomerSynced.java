package com.quimbi.crm.contracts.integration;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Money;
import com.quimbi.crm.contracts.Topics;

/** integration.customer_synced v1: integration-service synced a customer from a shop (Shopify). Topic crm.integration.events, key = the external customer id. ticket-service upserts it, deduplicated by shop id, then email. Tags, order count and
 * total spent are optional (added within v1). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CustomerSynced(
        CustomerSource source,
        String externalId,
        String email,
        String name,
        String phone,
        List<String> tags,
        Integer ordersCount,
        Money totalSpent,
        Instant syncedAt) {

    public static final String TYPE = "integration.customer_synced";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.INTEGRATION;
    public static final String AGGREGATE = "integration";
}
