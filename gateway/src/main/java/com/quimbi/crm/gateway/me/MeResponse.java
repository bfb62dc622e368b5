package com.quimbi.crm.gateway.me;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.security.oauth2.jwt.Jwt;

import tools.jackson.databind.JsonNode;

/**
 * The caller as the console needs them: who the token says they are (Keycloak) and their agent profile
 * (agent-service). {@code profileStatus}: {@code found}, {@code missing} (a Keycloak user without a profile,
 * e.g. the demo users) or {@code unavailable} (agent-service did not answer; {@code agent} is null).
 */
record MeResponse(String id, String username, String email, String firstName, String lastName, List<String> roles,
        String sessionId, Instant expiresAt, String profileStatus, JsonNode agent) {

    /** The CRM's realm roles, lowest first; Keycloak's own default roles are left out. */
    private static final List<String> CRM_ROLES = List.of("agent", "supervisor", "admin");

    static MeResponse of(Jwt token, AgentProfileClient.Lookup profile) {
        return new MeResponse(token.getSubject(), token.getClaimAsString("preferred_username"),
                token.getClaimAsString("email"), token.getClaimAsString("given_name"),
                token.getClaimAsString("family_name"), roles(token), token.getClaimAsString("sid"),
                token.getExpiresAt(), profile.status(), profile.agent());
    }

    private static List<String> roles(Jwt token) {
        Object access = token.getClaims().get("realm_access");
        if (!(access instanceof Map<?, ?> realm) || !(realm.get("roles") instanceof Collection<?> granted)) {
            return List.of();
        }
        return CRM_ROLES.stream().filter(role -> granted.stream().anyMatch(role::equals)).toList();
    }
}
