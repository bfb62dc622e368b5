package com.quimbi.crm.integration.order;

import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.quimbi.crm.platform.security.Roles;

import io.swagger.v3.oas.annotations.Operation;

/** The ticket view's orders panel; the gateway routes /api/customers/{id}/orders here, ahead of ticket-service. */
@RestController
class OrdersController {

    private final CustomerOrdersService orders;

    OrdersController(CustomerOrdersService orders) {
        this.orders = orders;
    }

    @GetMapping("/api/customers/{id}/orders")
    @PreAuthorize(Roles.IS_AGENT)
    @Operation(summary = "A customer's recent Shopify orders", description = "Role: agent or above. Cached 5 min; "
            + "when Shopify is down the last stored copy with stale=true; no Shopify link: an empty list and a reason; "
            + "a customer the CRM never announced: 404.")
    CustomerOrders orders(@PathVariable UUID id) {
        return orders.ordersOf(id);
    }
}
