package com.quimbi.crm.integration.shop;

import java.util.regex.Pattern;

/** Shopify's permanent shop names: lower-case {@code <name>.myshopify.com}, nothing else is accepted. */
public final class ShopDomain {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}\\.myshopify\\.com");

    private ShopDomain() {
    }

    public static boolean isValid(String domain) {
        return domain != null && VALID.matcher(domain).matches();
    }
}
