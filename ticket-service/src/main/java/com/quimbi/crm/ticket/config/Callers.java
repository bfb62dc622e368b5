package com.quimbi.crm.ticket.config;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Role facts about the caller that a use case needs beyond {@code @PreAuthorize} (e.g. "edit anyone's message"). */
public final class Callers {

    private Callers() {
    }

    /** Supervisor or admin (tokens carry the realm role itself; the hierarchy is applied here as well). */
    public static boolean isSupervisor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_supervisor")
                || a.getAuthority().equals("ROLE_admin"));
    }
}
