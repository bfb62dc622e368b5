package com.quimbi.crm.integration.shopify;

/** Shopify refused the access token (401/403 or a GraphQL access error). */
public class ShopifyCredentialsRejectedException extends RuntimeException {

    public ShopifyCredentialsRejectedException(String message) {
        super(message);
    }
}
