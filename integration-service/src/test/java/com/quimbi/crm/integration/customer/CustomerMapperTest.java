package com.quimbi.crm.integration.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.contracts.Money;
import com.quimbi.crm.contracts.integration.CustomerSynced;
import com.quimbi.crm.integration.customer.CustomerSync.CustomerMapper;
import com.quimbi.crm.integration.customer.CustomerSync.ShopifyCustomer;

/** Shopify's customer fields land inside the contract's bounds, or are left out; never a DLT-bound event. */
class CustomerMapperTest {

    static ShopifyCustomer customer(List<String> tags, String orders, String spent, String currency) {
        return new ShopifyCustomer("7329164320823", "ann@example.com", "Ann", "K", null, null, tags, orders, spent, currency);
    }

    @Test
    void webhookTagsAreOneCommaSeparatedStringTrimmedAndDeduplicated() {
        CustomerSynced event = CustomerMapper.toEvent(customer(List.of(" vip", "newsletter ", "", "vip"), "3", "199.00", "usd"),
                Instant.now());
        assertThat(event.tags()).containsExactly("vip", "newsletter");
        assertThat(event.ordersCount()).isEqualTo(3);
        assertThat(event.totalSpent()).isEqualTo(new Money("199.00", "USD"));
    }

    @Test
    void tagsAreCutToTheContractsBounds() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add("tag-" + i + "x".repeat(300));
        }
        List<String> tags = CustomerMapper.toEvent(customer(many, null, null, null), Instant.now()).tags();
        assertThat(tags).hasSize(250).allSatisfy(tag -> assertThat(tag).hasSize(255));
        assertThat(CustomerMapper.toEvent(customer(List.of(" ", ""), null, null, null), Instant.now()).tags()).isNull();
    }

    @Test
    void unusableCountsAndAmountsAreLeftOut() {
        assertThat(CustomerMapper.ordersCount("-1")).isNull();
        assertThat(CustomerMapper.ordersCount("18446744073709551615")).isNull();
        assertThat(CustomerMapper.ordersCount("abc")).isNull();
        assertThat(CustomerMapper.ordersCount("12")).isEqualTo(12);
        assertThat(CustomerMapper.money("-5.00", "USD")).isNull();
        assertThat(CustomerMapper.money("1e3", "USD")).isEqualTo(new Money("1000", "USD"));
        assertThat(CustomerMapper.money("12.340000", "EUR")).isEqualTo(new Money("12.34", "EUR"));
        assertThat(CustomerMapper.money("12.34567", "EUR")).isNull();
        assertThat(CustomerMapper.money("12.00", "EURO")).isNull();
        assertThat(CustomerMapper.money("12.00", null)).isNull();
        assertThat(CustomerMapper.money("1234567890123456", "USD")).isNull();
    }
}
