package com.quimbi.crm.agent.agent;

import com.quimbi.crm.platform.security.Roles;

/** An agent's realm role in Keycloak. They nest: admin > supervisor > agent. */
public enum AgentRole {
    AGENT(Roles.AGENT),
    SUPERVISOR(Roles.SUPERVISOR),
    ADMIN(Roles.ADMIN);

    private final String realmRole;

    AgentRole(String realmRole) {
        this.realmRole = realmRole;
    }

    /** The Keycloak realm role name. */
    public String realmRole() {
        return realmRole;
    }

    /** The realm role name, which is also how a problem lists the allowed values ("agent, supervisor, admin"). */
    @Override
    public String toString() {
        return realmRole;
    }
}
