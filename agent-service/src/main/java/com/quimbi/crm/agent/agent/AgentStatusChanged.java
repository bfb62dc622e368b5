package com.quimbi.crm.agent.agent;

import java.time.Instant;
import java.util.UUID;

/** Data of {@code agent.status_changed} v1. */
public record AgentStatusChanged(UUID agentId, AgentStatus status, AgentStatus previousStatus, StatusSource source,
        Instant changedAt) {

    public static final String TYPE = "agent.status_changed";
}
