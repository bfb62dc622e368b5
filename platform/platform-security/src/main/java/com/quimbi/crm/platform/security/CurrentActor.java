package com.quimbi.crm.platform.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import com.quimbi.crm.platform.event.Actor;

/** The caller as an event actor: the agent's Keycloak subject, or the system for unauthenticated work. */
public final class CurrentActor {

    private CurrentActor() {
    }

    /**
     * Whether the caller holds {@code role} (e.g. {@link Roles#SUPERVISOR}), directly or through the hierarchy:
     * for use-case rules beyond {@code @PreAuthorize}, such as "a supervisor may edit anyone's message".
     */
    public static boolean hasRole(String role) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && Roles.HIERARCHY.getReachableGrantedAuthorities(auth.getAuthorities()).stream()
                .anyMatch(a -> ("ROLE_" + role).equals(a.getAuthority()));
    }

    public static Actor get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof JwtAuthenticationToken jwt) {
            return Actor.agent(jwt.getToken().getSubject());
        }
        return Actor.SYSTEM;
    }
}
