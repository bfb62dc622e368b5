package com.quimbi.crm.ticket.customer;

import com.quimbi.crm.contracts.customer.CustomerTier;
import java.time.Instant;
import java.util.UUID;

import com.quimbi.crm.ticket.customer.CustomerRequests.ExternalRefs;
import com.quimbi.crm.ticket.customer.CustomerRequests.Preferences;

public record CustomerResponse(UUID id, String email, String name, String phone, ExternalRefs externalRefs,
        Preferences preferences, CustomerTier tier, UUID mergedInto, Instant createdAt, Instant updatedAt,
        Instant lastContactAt, long version, ShopProfile shop) {

    public static CustomerResponse of(Customer c) {
        return new CustomerResponse(c.id(), c.email(), c.name(), c.phone(),
                new ExternalRefs(c.shopifyCustomerId(), c.gorgiasCustomerId()),
                new Preferences(c.language(), c.timezone(), c.preferredChannel()), c.tier(), c.mergedInto(),
                c.createdAt(), c.updatedAt(), c.lastContactAt(), c.version(), c.shop());
    }
}
