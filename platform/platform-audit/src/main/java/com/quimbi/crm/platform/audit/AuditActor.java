package com.quimbi.crm.platform.audit;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import com.quimbi.crm.platform.security.Roles;

/**
 * Who made a change: the Keycloak subject, username and CRM realm roles of the caller's token, or the system for
 * work no person asked for (a consumer, a scheduled import).
 */
public record AuditActor(String subject, String name, List<String> roles) {

    public static final AuditActor SYSTEM = new AuditActor("system", null, List.of());

    /** The CRM roles only, lowest first: Keycloak's default roles say nothing about what the caller may do. */
    private static final List<String> CRM_ROLES = List.of(Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN);

    public static AuditActor current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof JwtAuthenticationToken token && token.getToken().getSubject() != null) {
            Jwt jwt = token.getToken();
            return new AuditActor(jwt.getSubject(), jwt.getClaimAsString("preferred_username"), realmRoles(jwt));
        }
        return SYSTEM;
    }

    static List<String> realmRoles(Jwt jwt) {
        if (jwt.getClaims().get("realm_access") instanceof Map<?, ?> access
                && access.get("roles") instanceof Collection<?> roles) {
            return CRM_ROLES.stream().filter(role -> roles.contains(role)).toList();
        }
        return List.of();
    }
}
