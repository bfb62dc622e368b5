package com.quimbi.crm.integration.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Money;

/**
 * GET /api/customers/{id}/orders: the customer's recent Shopify orders. {@code stale} = Shopify could not be
 * asked, this is the last stored copy (as of {@code fetchedAt}); {@code reason} says why the list is empty or stale.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerOrders(UUID customerId, String shop, String shopifyCustomerId, boolean stale, String source,
        Instant fetchedAt, String reason, List<Order> orders) {

    /** source values */
    public static final String SHOPIFY = "shopify";
    public static final String SNAPSHOT = "snapshot";
    public static final String WEBHOOKS = "webhooks";
    public static final String NONE = "none";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Order(String id, String name, Instant createdAt, Instant updatedAt, Instant cancelledAt,
            String financialStatus, String fulfillmentStatus, Money total, List<LineItem> lineItems,
            List<Tracking> fulfillments) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineItem(String title, String variantTitle, String sku, int quantity, Money price, String productId,
            String productTitle, String imageUrl) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tracking(String status, String company, String number, String url) {
    }
}
