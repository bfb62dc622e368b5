package com.quimbi.crm.gateway.session;

import java.util.Base64;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads claims of a token the gateway cannot verify itself (Keycloak signs refresh tokens with a realm
 * secret). Use the result only after Keycloak has accepted the token.
 */
public final class TokenClaims {

    private TokenClaims() {
    }

    /** The {@code sid} claim of a JWT's payload, if the token is a JWT and has one. */
    public static Optional<String> unverifiedSid(String token, JsonMapper json) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode sid = claims.get("sid");
            return sid != null && sid.isString() && !sid.asString().isBlank()
                    ? Optional.of(sid.asString())
                    : Optional.empty();
        } catch (IllegalArgumentException | JacksonException e) {
            return Optional.empty();
        }
    }
}
