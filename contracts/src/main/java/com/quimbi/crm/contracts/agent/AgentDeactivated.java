package com.quimbi.crm.contracts.agent;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** agent.deactivated v1: An agent was deactivated: Keycloak user disabled, sessions ended, profile kept (inactive, offline). Topic crm.agent.events, key = agent id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentDeactivated(
        UUID agentId,
        String email,
        Instant deactivatedAt) {

    public static final String TYPE = "agent.deactivated";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.AGENT;
    public static final String AGGREGATE = "agent";
}
