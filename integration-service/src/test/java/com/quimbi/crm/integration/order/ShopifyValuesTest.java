package com.quimbi.crm.integration.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class ShopifyValuesTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void idsComeFromRestNumbersAndGraphQlGids() {
        var node = json.readTree("""
                {"rest":4567,"gid":"gid://shopify/Order/123","blank":"  ","none":null,"trailing":"gid://shopify/Order/",
                 "long":"%s"}""".formatted("9".repeat(65)));
        assertThat(ShopifyValues.id(node, "rest")).isEqualTo("4567");
        assertThat(ShopifyValues.id(node, "gid")).isEqualTo("123");
        assertThat(ShopifyValues.id(node, "blank")).isNull();
        assertThat(ShopifyValues.id(node, "none")).isNull();
        assertThat(ShopifyValues.id(node, "missing")).isNull();
        assertThat(ShopifyValues.id(node, "trailing")).isNull();
        assertThat(ShopifyValues.id(node, "long")).isNull();
    }

    @Test
    void timesStatusesAndEmailsAreNormalisedOrDropped() {
        assertThat(ShopifyValues.instant("2026-12-07T10:00:00-05:00")).isEqualTo(Instant.parse("2026-12-07T15:00:00Z"));
        assertThat(ShopifyValues.instant("yesterday")).isNull();
        assertThat(ShopifyValues.instant(null)).isNull();
        assertThat(ShopifyValues.status("PARTIALLY_PAID")).isEqualTo("partially_paid");
        assertThat(ShopifyValues.status(" in transit ")).isEqualTo("in_transit");
        assertThat(ShopifyValues.status(" ")).isNull();
        assertThat(ShopifyValues.status("x".repeat(50))).hasSize(40);
        assertThat(ShopifyValues.email(" Ann@Example.COM ")).isEqualTo("ann@example.com");
        assertThat(ShopifyValues.email("not an email")).isNull();
        assertThat(ShopifyValues.email(null)).isNull();
    }

    @Test
    void cutCountsCodePointsNotChars() {
        assertThat(ShopifyValues.cut("😀😀😀", 2)).isEqualTo("😀😀");
        assertThat(ShopifyValues.cut("short", 40)).isEqualTo("short");
        assertThat(ShopifyValues.cut(null, 1)).isNull();
    }
}
