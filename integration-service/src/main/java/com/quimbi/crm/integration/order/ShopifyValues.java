package com.quimbi.crm.integration.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

import com.quimbi.crm.contracts.Money;

import tools.jackson.databind.JsonNode;

/** Values as Shopify sends them (REST webhooks and GraphQL), cut to the contract's bounds. */
final class ShopifyValues {

    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,4})?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private ShopifyValues() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.asString();
        return text.isBlank() ? null : text.trim();
    }

    /** A numeric id (REST) or a gid ({@code gid://shopify/Order/123}, GraphQL): the number as a string. */
    static String id(JsonNode node, String field) {
        String raw = text(node, field);
        if (raw == null) {
            return null;
        }
        String id = raw.substring(raw.lastIndexOf('/') + 1);
        return id.isEmpty() || id.length() > 64 ? null : id;
    }

    static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A decimal string with at most 4 decimals and its ISO currency; null when either is not usable. */
    static Money money(String amount, String currency) {
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

    /** {@code PARTIALLY_PAID} (GraphQL) and {@code partially_paid} (REST) alike: lower case, ≤ 40. */
    static String status(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return cut(raw.trim().toLowerCase(Locale.ROOT).replace(' ', '_'), 40);
    }

    static String cut(String value, int max) {
        if (value == null || value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max));
    }

    static String email(String raw) {
        if (raw == null) {
            return null;
        }
        String email = raw.trim().toLowerCase(Locale.ROOT);
        return email.length() <= 320 && email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") ? email : null;
    }
}
