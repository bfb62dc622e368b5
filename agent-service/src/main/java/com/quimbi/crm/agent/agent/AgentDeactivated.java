package com.quimbi.crm.agent.agent;

import java.time.Instant;
import java.util.UUID;

/** Data of {@code agent.deactivated} v1. A deactivated agent is offline and gets no work. */
public record AgentDeactivated(UUID agentId, String email, Instant deactivatedAt) {

    public static final String TYPE = "agent.deactivated";

    static AgentDeactivated of(Agent a) {
        return new AgentDeactivated(a.getId(), a.getEmail(), a.getDeactivatedAt());
    }
}
