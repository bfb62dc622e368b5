package com.quimbi.crm.contracts.agent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.quimbi.crm.contracts.Topics;

/** agent.updated v1: An agent's profile changed (role, team, capacity, skills...). The whole profile after the change, so read models can upsert it. Topic crm.agent.events, key = agent id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentUpdated(
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
        Instant updatedAt,
        List<String> changedFields) {

    public static final String TYPE = "agent.updated";
    public static final int VERSION = 1;
    public static final String TOPIC = Topics.AGENT;
    public static final String AGGREGATE = "agent";

    /** The WorkingHours of the event. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WorkingHours(List<Weekday> days, String start, String end) {
    }
}
