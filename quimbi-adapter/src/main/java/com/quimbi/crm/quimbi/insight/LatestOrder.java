package com.quimbi.crm.quimbi.insight;

/** The customer's most recent shop order, as a draft names it (name, status, tracking). */
public record LatestOrder(String name, String financialStatus, String fulfillmentStatus, String trackingCompany,
        String trackingNumber, String trackingUrl) {
}
