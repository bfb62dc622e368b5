package com.quimbi.crm.agent.agent;

import java.util.EnumSet;
import java.util.Set;

import com.quimbi.crm.platform.event.Actor;

/** Who is asking, and which roles they hold: use cases decide what a supervisor may do that an admin may not. */
public record Caller(String id, boolean supervisor, boolean admin) {

    /** The roles this caller may give to someone: an admin any, a supervisor agents only, an agent none. */
    public Set<AgentRole> grantableRoles() {
        if (admin) {
            return EnumSet.allOf(AgentRole.class);
        }
        return supervisor ? EnumSet.of(AgentRole.AGENT) : EnumSet.noneOf(AgentRole.class);
    }

    public Actor actor() {
        return Actor.agent(id);
    }
}
