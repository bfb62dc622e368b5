package com.quimbi.crm.contracts.integration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Money;

/** One line of an {@link OrderSynced} order: what was bought, as the shop names it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderLineItem(
        String title,
        String variantTitle,
        String sku,
        int quantity,
        Money price,
        String productId,
        String variantId) {
}
