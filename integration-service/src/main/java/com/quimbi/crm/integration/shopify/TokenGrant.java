package com.quimbi.crm.integration.shopify;

import java.time.Instant;

/** An expiring offline access token with its refresh token, as Shopify's token endpoint grants them. */
public record TokenGrant(String accessToken, String refreshToken, Instant expiresAt, String scopes) {

    @Override
    public String toString() {
        return "TokenGrant[expiresAt=" + expiresAt + ", scopes=" + scopes + ", tokens hidden]";
    }
}
