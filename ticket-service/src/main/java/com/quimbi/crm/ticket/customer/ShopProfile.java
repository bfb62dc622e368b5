package com.quimbi.crm.ticket.customer;

import java.util.List;

import com.quimbi.crm.contracts.Money;

/**
 * What the customer's shop (Shopify) says about them: its tags, order count and total spent. The shop owns these:
 * each sync replaces what it sends, an absent value keeps what is stored.
 */
public record ShopProfile(List<String> tags, Integer ordersCount, Money totalSpent) {

    public static final ShopProfile NONE = new ShopProfile(List.of(), null, null);

    public ShopProfile {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** This profile with what a sync sent laid over it. */
    public ShopProfile with(List<String> newTags, Integer newOrdersCount, Money newTotalSpent) {
        return new ShopProfile(newTags != null ? newTags : tags, newOrdersCount != null ? newOrdersCount : ordersCount,
                newTotalSpent != null ? newTotalSpent : totalSpent);
    }
}
