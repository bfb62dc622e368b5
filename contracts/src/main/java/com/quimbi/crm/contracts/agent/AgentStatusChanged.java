package com.quimbi.crm.contracts.agent;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** agent.status_changed v1: An agent's availability status changed, set by the agent or a supervisor (manual) or by presence (WebSocket connect / idle / disconnect). Topic crm.agent.events, key = agent id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentStatusChanged(
        UUID agentId,
        AgentStatus status,
        AgentStatus previousStatus,
        StatusSource source,
        Instant changedAt) {

    public static final String TYPE = "agent.status_changed";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.AGENT;
    public static final String AGGREGATE = "agent";
}
