package com.quimbi.crm.platform.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import com.quimbi.crm.platform.event.Actor;

/** The caller as an event actor: the agent's Keycloak subject, or the system for unauthenticated work. */
public final class CurrentActor {

    private CurrentActor() {
    }

    public static Actor get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof JwtAuthenticationToken jwt) {
            return Actor.agent(jwt.getToken().getSubject());
        }
        return Actor.SYSTEM;
    }
}
