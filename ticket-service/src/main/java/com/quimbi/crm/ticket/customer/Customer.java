package com.quimbi.crm.ticket.customer;

import com.quimbi.crm.contracts.customer.CustomerTier;
import java.time.Instant;
import java.util.UUID;

/**
 * A person who contacts support. The email is the natural key (lower-case, unique among live customers);
 * a customer merged into another keeps a pointer to the survivor. {@code shop} is what a shop sync brought.
 */
public record Customer(UUID id, String email, String name, String phone, String shopifyCustomerId,
        String gorgiasCustomerId, String language, String timezone, String preferredChannel, CustomerTier tier,
        UUID mergedInto, Instant createdAt, Instant updatedAt, Instant lastContactAt, long version, ShopProfile shop) {

    public Customer {
        shop = shop == null ? ShopProfile.NONE : shop;
    }

    public Customer withUpdate(String email, String name, String phone, String shopifyCustomerId,
            String gorgiasCustomerId, String language, String timezone, String preferredChannel, CustomerTier tier,
            Instant now) {
        return new Customer(id, email, name, phone, shopifyCustomerId, gorgiasCustomerId, language, timezone,
                preferredChannel, tier, mergedInto, createdAt, now, lastContactAt, version, shop);
    }

    public Customer withShop(ShopProfile shop) {
        return new Customer(id, email, name, phone, shopifyCustomerId, gorgiasCustomerId, language, timezone,
                preferredChannel, tier, mergedInto, createdAt, updatedAt, lastContactAt, version, shop);
    }
}
