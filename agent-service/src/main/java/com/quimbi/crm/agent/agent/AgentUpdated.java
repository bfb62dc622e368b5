package com.quimbi.crm.agent.agent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Data of {@code agent.updated} v1: the whole profile after the change plus what changed, so a read model
 * (assignment-service) upserts it without keeping history.
 */
public record AgentUpdated(UUID agentId, String username, String email, String firstName, String lastName,
        AgentRole role, String department, String team, AgentStatus status, int maxConcurrentTickets,
        boolean acceptsNew, List<String> skills, List<String> languages, Seniority seniority, String timezone,
        WorkingHours workingHours, boolean active, Instant createdAt, Instant updatedAt, List<String> changedFields) {

    public static final String TYPE = "agent.updated";

    static AgentUpdated of(Agent a, List<String> changedFields) {
        return new AgentUpdated(a.getId(), a.getUsername(), a.getEmail(), a.getFirstName(), a.getLastName(),
                a.getRole(), a.getDepartment(), a.getTeam(), a.getStatus(), a.getMaxConcurrentTickets(),
                a.isAcceptsNew(), a.getSkills(), a.getLanguages(), a.getSeniority(), a.getTimezone(),
                a.getWorkingHours(), a.isActive(), a.getCreatedAt(), a.getUpdatedAt(), List.copyOf(changedFields));
    }
}
