package com.quimbi.crm.contracts.integration;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Money;
import com.quimbi.crm.contracts.Topics;

/**
 * integration.order_synced v1: integration-service learnt the current state of a shop's order (Shopify
 * orders/create|updated|cancelled, fulfillments/create|update). Topic crm.integration.events, key = the
 * Shopify order id (a string: Shopify ids exceed 2^53). Each event is the whole order as of {@code updatedAt};
 * consumers keep the newest one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderSynced(
        OrderSource source,
        String shop,
        String orderId,
        String name,
        String customerId,
        String email,
        Instant createdAt,
        Instant updatedAt,
        Instant cancelledAt,
        String financialStatus,
        String fulfillmentStatus,
        Money totalPrice,
        List<OrderLineItem> lineItems,
        List<OrderFulfillment> fulfillments,
        Instant syncedAt) {

    public static final String TYPE = "integration.order_synced";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.INTEGRATION;
    public static final String AGGREGATE = "integration";

    /** At most this many line items travel (the rest are cut by the producer). */
    public static final int MAX_LINE_ITEMS = 100;
    /** At most this many fulfillments travel. */
    public static final int MAX_FULFILLMENTS = 20;
}
