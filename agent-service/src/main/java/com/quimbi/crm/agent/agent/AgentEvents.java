package com.quimbi.crm.agent.agent;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.quimbi.crm.contracts.agent.AgentCreated;
import com.quimbi.crm.contracts.agent.AgentDeactivated;
import com.quimbi.crm.contracts.agent.AgentStatus;
import com.quimbi.crm.contracts.agent.AgentStatusChanged;
import com.quimbi.crm.contracts.agent.AgentUpdated;
import com.quimbi.crm.contracts.agent.StatusSource;
import com.quimbi.crm.contracts.agent.Weekday;


/** Maps an agent to the contract records of crm.agent.events (contracts/schemas/agent.*.v1.json). */
final class AgentEvents {

    private AgentEvents() {
    }

    static AgentCreated created(Agent a) {
        WorkingHours hours = a.getWorkingHours();
        return new AgentCreated(a.getId(), a.getUsername(), a.getEmail(), a.getFirstName(), a.getLastName(),
                role(a.getRole()), a.getDepartment(), a.getTeam(), a.getStatus(), a.getMaxConcurrentTickets(),
                a.isAcceptsNew(), a.getSkills(), a.getLanguages(), a.getSeniority(), a.getTimezone(),
                hours == null ? null : new AgentCreated.WorkingHours(days(hours), hours.start(), hours.end()),
                a.isActive(), a.getCreatedAt(), a.getUpdatedAt());
    }

    static AgentUpdated updated(Agent a, List<String> changedFields) {
        WorkingHours hours = a.getWorkingHours();
        return new AgentUpdated(a.getId(), a.getUsername(), a.getEmail(), a.getFirstName(), a.getLastName(),
                role(a.getRole()), a.getDepartment(), a.getTeam(), a.getStatus(), a.getMaxConcurrentTickets(),
                a.isAcceptsNew(), a.getSkills(), a.getLanguages(), a.getSeniority(), a.getTimezone(),
                hours == null ? null : new AgentUpdated.WorkingHours(days(hours), hours.start(), hours.end()),
                a.isActive(), a.getCreatedAt(), a.getUpdatedAt(), List.copyOf(changedFields));
    }

    static AgentDeactivated deactivated(Agent a) {
        return new AgentDeactivated(a.getId(), a.getEmail(), a.getDeactivatedAt());
    }

    static AgentStatusChanged statusChanged(Agent a, AgentStatus previous, StatusSource source, Instant changedAt) {
        return new AgentStatusChanged(a.getId(), a.getStatus(), previous, source, changedAt);
    }

    /** Same constants; the domain role also knows its Keycloak realm role. */
    private static com.quimbi.crm.contracts.agent.AgentRole role(AgentRole role) {
        return com.quimbi.crm.contracts.agent.AgentRole.valueOf(role.name());
    }

    private static List<Weekday> days(WorkingHours hours) {
        return hours.days().stream().map(d -> Weekday.valueOf(d.toUpperCase(Locale.ROOT))).toList();
    }
}
