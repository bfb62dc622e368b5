package com.quimbi.crm.ticket.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.contracts.Money;

class VipRuleTest {

    static ShopProfile shop(String spent, String... tags) {
        return new ShopProfile(List.of(tags), 3, spent == null ? null : new Money(spent, "EUR"));
    }

    @Test
    void totalSpentAtOrAboveTheThresholdOrAConfiguredTagMakesAVip() {
        VipRule rule = new VipRule(new BigDecimal("1000"), List.of(" VIP ", "gold", ""));
        assertThat(rule.isVip(shop("1000.00"))).isTrue();
        assertThat(rule.isVip(shop("999.99"))).isFalse();
        assertThat(rule.isVip(shop("5", "Gold"))).isTrue();
        assertThat(rule.isVip(shop(null, "vip"))).isTrue();
        assertThat(rule.isVip(shop(null, "newsletter"))).isFalse();
    }

    @Test
    void anEmptyRuleNeverPromotes() {
        VipRule rule = new VipRule(null, null);
        assertThat(rule.isVip(shop("1000000", "vip"))).isFalse();
    }
}
