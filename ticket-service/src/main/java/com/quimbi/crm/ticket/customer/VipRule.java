package com.quimbi.crm.ticket.customer;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When a shop customer is a VIP ({@code crm.ticket.vip.*}): total spent at or above {@code total-spent} (in the
 * shop's own currency; empty = never by amount) or one of {@code tags} (case-insensitive; empty = never by tag).
 */
@ConfigurationProperties("crm.ticket.vip")
public record VipRule(BigDecimal totalSpent, List<String> tags) {

    public VipRule {
        tags = tags == null ? List.of() : tags.stream().map(String::strip).filter(t -> !t.isEmpty())
                .map(t -> t.toLowerCase(Locale.ROOT)).toList();
    }

    public boolean isVip(ShopProfile shop) {
        boolean bySpent = totalSpent != null && shop.totalSpent() != null
                && new BigDecimal(shop.totalSpent().amount()).compareTo(totalSpent) >= 0;
        return bySpent || shop.tags().stream().anyMatch(tag -> tags.contains(tag.toLowerCase(Locale.ROOT)));
    }
}
