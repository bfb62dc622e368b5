package com.quimbi.crm.contracts;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An amount of money as partners send it: the amount as a decimal string (never a float, so nothing is rounded on
 * the way) and its ISO 4217 currency code.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Money(String amount, String currency) {

    public static Money of(BigDecimal amount, String currency) {
        return new Money(amount.toPlainString(), currency);
    }
}
