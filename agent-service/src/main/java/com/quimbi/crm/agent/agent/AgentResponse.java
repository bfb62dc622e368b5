package com.quimbi.crm.agent.agent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

import com.quimbi.crm.contracts.agent.AgentStatus;
import com.quimbi.crm.contracts.agent.Seniority;

@Schema(description = "An agent's profile. id = the Keycloak user id (the JWT sub).")
public record AgentResponse(UUID id, String username, String email, String firstName, String lastName, AgentRole role,
        String department, String team, AgentStatus status, Instant statusChangedAt, int maxConcurrentTickets,
        boolean acceptsNew, List<String> skills, List<String> languages, Seniority seniority, String timezone,
        WorkingHours workingHours, boolean active, Instant createdAt, Instant updatedAt, Instant deactivatedAt,
        long version) {

    public static AgentResponse of(Agent a) {
        return new AgentResponse(a.getId(), a.getUsername(), a.getEmail(), a.getFirstName(), a.getLastName(),
                a.getRole(), a.getDepartment(), a.getTeam(), a.getStatus(), a.getStatusChangedAt(),
                a.getMaxConcurrentTickets(), a.isAcceptsNew(), a.getSkills(), a.getLanguages(), a.getSeniority(),
                a.getTimezone(), a.getWorkingHours(), a.isActive(), a.getCreatedAt(), a.getUpdatedAt(),
                a.getDeactivatedAt(), a.getVersion());
    }
}
