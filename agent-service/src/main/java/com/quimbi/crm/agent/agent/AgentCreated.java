package com.quimbi.crm.agent.agent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Data of {@code agent.created} v1 (contracts/schemas/agent.created.v1.json): the whole new profile. */
public record AgentCreated(UUID agentId, String username, String email, String firstName, String lastName,
        AgentRole role, String department, String team, AgentStatus status, int maxConcurrentTickets,
        boolean acceptsNew, List<String> skills, List<String> languages, Seniority seniority, String timezone,
        WorkingHours workingHours, boolean active, Instant createdAt, Instant updatedAt) {

    public static final String TYPE = "agent.created";

    static AgentCreated of(Agent a) {
        return new AgentCreated(a.getId(), a.getUsername(), a.getEmail(), a.getFirstName(), a.getLastName(),
                a.getRole(), a.getDepartment(), a.getTeam(), a.getStatus(), a.getMaxConcurrentTickets(),
                a.isAcceptsNew(), a.getSkills(), a.getLanguages(), a.getSeniority(), a.getTimezone(),
                a.getWorkingHours(), a.isActive(), a.getCreatedAt(), a.getUpdatedAt());
    }
}
