package com.quimbi.crm.integration.shopify;

/** Shopify did not answer usefully (timeout, 5xx, breaker open): a 503, never a 500. */
public class ShopifyUnavailableException extends RuntimeException {

    public ShopifyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
