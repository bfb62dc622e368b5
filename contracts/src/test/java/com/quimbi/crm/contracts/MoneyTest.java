package com.quimbi.crm.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void partnerAmountsAreKeptAsDecimalStringsInsideTheContractsBounds() {
        assertThat(Money.parse("412.30", "usd")).isEqualTo(new Money("412.30", "USD"));
        assertThat(Money.parse(" 19.990000 ", "EUR")).isEqualTo(new Money("19.99", "EUR"));
        assertThat(Money.parse("1E+3", "EUR")).isEqualTo(new Money("1000", "EUR"));
    }

    @Test
    void whatTheContractCannotHoldIsLeftOutNotParked() {
        assertThat(Money.parse("12.345678", "USD")).as("more than 4 decimals").isNull();
        assertThat(Money.parse("-5.00", "USD")).as("negative").isNull();
        assertThat(Money.parse("1234567890123456", "USD")).as("16 digits").isNull();
        assertThat(Money.parse("ten", "USD")).isNull();
        assertThat(Money.parse("10.00", "dollars")).isNull();
        assertThat(Money.parse(null, "USD")).isNull();
        assertThat(Money.parse("10.00", null)).isNull();
    }
}
