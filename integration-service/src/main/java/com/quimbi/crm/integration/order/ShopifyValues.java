package com.quimbi.crm.integration.order;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import com.quimbi.crm.contracts.Money;

import tools.jackson.databind.JsonNode;

/** Values as Shopify sends them (REST webhooks and GraphQL), cut to the contract's bounds. */
final class ShopifyValues {


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
        return Money.parse(amount, currency);
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
