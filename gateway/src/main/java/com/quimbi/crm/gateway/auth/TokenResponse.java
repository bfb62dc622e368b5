package com.quimbi.crm.gateway.auth;

/** Tokens handed to the SPA; lifetimes in seconds. */
public record TokenResponse(String accessToken, String refreshToken, long expiresIn, long refreshExpiresIn,
        String tokenType) {

    static TokenResponse from(KeycloakTokenClient.KeycloakTokens tokens) {
        return new TokenResponse(tokens.accessToken(), tokens.refreshToken(), tokens.expiresIn(),
                tokens.refreshExpiresIn(), tokens.tokenType() == null ? "Bearer" : tokens.tokenType());
    }
}
