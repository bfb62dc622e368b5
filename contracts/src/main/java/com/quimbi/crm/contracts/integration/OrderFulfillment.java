package com.quimbi.crm.contracts.integration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A shipment of an {@link OrderSynced} order and its tracking (the first tracking number when there are several). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderFulfillment(
        String status,
        String trackingCompany,
        String trackingNumber,
        String trackingUrl) {
}
