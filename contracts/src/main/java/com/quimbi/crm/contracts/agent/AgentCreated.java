package com.quimbi.crm.contracts.agent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** agent.created v1: An agent was provisioned (Keycloak user + profile). The whole profile. Topic crm.agent.events, key = agent id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentCreated(
        UUID agentId,
        String username,
        String email,
        String firstName,
        String lastName,
        AgentRole role,
        String department,
        String team,
        AgentStatus status,
        int maxConcurrentTickets,
        boolean acceptsNew,
        List<String> skills,
        List<String> languages,
        Seniority seniority,
        String timezone,
        WorkingHours workingHours,
        boolean active,
        Instant createdAt,
        Instant updatedAt) {

    public static final String TYPE = "agent.created";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.AGENT;
    public static final String AGGREGATE = "agent";

    /** The WorkingHours of the event. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WorkingHours(List<Weekday> days, String start, String end) {
    }
}
