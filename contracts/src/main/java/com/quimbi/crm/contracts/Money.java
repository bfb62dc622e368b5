package com.quimbi.crm.contracts;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An amount of money as partners send it: the amount as a decimal string (never a float, so nothing is rounded on
 * the way) and its ISO 4217 currency code.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Money(String amount, String currency) {

    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,4})?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public static Money of(BigDecimal amount, String currency) {
        return new Money(amount.toPlainString(), currency);
    }

    /**
     * A partner's amount and currency inside the contracts' bounds (a non-negative decimal string with at most 15
     * digits and 4 decimals, trailing zeros beyond them dropped; an ISO 4217 code), or null when either is not
     * usable: a field a producer leaves out rather than an event a consumer must park.
     */
    public static Money parse(String amount, String currency) {
        if (amount == null || currency == null) {
            return null;
        }
        String code = currency.trim().toUpperCase(Locale.ROOT);
        if (!CURRENCY.matcher(code).matches()) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(amount.trim());
            if (value.scale() > 4) {
                value = value.stripTrailingZeros();
            }
            String text = value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
            return AMOUNT.matcher(text).matches() ? new Money(text, code) : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
