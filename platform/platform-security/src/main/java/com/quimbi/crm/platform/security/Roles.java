package com.quimbi.crm.platform.security;

/**
 * Keycloak realm roles. They nest: a supervisor may do all an agent may, an admin all a supervisor may
 * (the role hierarchy, not the token, grants the lower roles).
 */
public final class Roles {

    public static final String AGENT = "agent";
    public static final String SUPERVISOR = "supervisor";
    public static final String ADMIN = "admin";

    /** For {@code @PreAuthorize}. */
    public static final String IS_AGENT = "hasRole('agent')";
    public static final String IS_SUPERVISOR = "hasRole('supervisor')";
    public static final String IS_ADMIN = "hasRole('admin')";

    private Roles() {
    }
}
