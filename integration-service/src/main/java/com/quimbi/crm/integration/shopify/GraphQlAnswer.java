package com.quimbi.crm.integration.shopify;

import tools.jackson.databind.JsonNode;

/**
 * A GraphQL Admin API answer: its {@code data} and the cost bucket from {@code extensions.cost.throttleStatus}
 * (null when Shopify sent none).
 */
public record GraphQlAnswer(JsonNode data, Throttle throttle) {

    /** Shopify's leaky bucket after this call, and what the call cost. */
    public record Throttle(double maximumAvailable, double currentlyAvailable, double restoreRate, double actualCost) {

        /** How long to wait before a call of {@code cost} points, so the bucket never runs dry (0 = go on). */
        public long waitMillisFor(double cost) {
            if (currentlyAvailable >= cost || restoreRate <= 0) {
                return 0;
            }
            return (long) Math.ceil((cost - currentlyAvailable) / restoreRate * 1000);
        }
    }

    static Throttle throttleOf(JsonNode answer) {
        JsonNode cost = answer.path("extensions").path("cost");
        JsonNode status = cost.path("throttleStatus");
        if (status.isMissingNode()) {
            return null;
        }
        return new Throttle(status.path("maximumAvailable").asDouble(0), status.path("currentlyAvailable").asDouble(0),
                status.path("restoreRate").asDouble(0), cost.path("actualQueryCost").asDouble(cost.path("requestedQueryCost").asDouble(0)));
    }
}
