package com.quimbi.crm.platform.security;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;

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

    /** admin > supervisor > agent: for method security and for {@link CurrentActor#hasRole}. */
    static final RoleHierarchy HIERARCHY = RoleHierarchyImpl.withDefaultRolePrefix()
            .role(ADMIN).implies(SUPERVISOR)
            .role(SUPERVISOR).implies(AGENT)
            .build();

    private Roles() {
    }
}
