package com.quimbi.crm.agent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.contracts.agent.AgentStatus;
import com.quimbi.crm.contracts.agent.StatusSource;
import com.quimbi.crm.contracts.agent.Seniority;

class AgentTest {

    static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    static Agent agent() {
        return Agent.create(UUID.randomUUID(), "sam", "sam@example.com", "Sam", "Lee", AgentRole.AGENT, " Care ", "",
                5, true, List.of(" Billing", "billing", "Returns"), List.of("EN", "pt-BR"), Seniority.JUNIOR, "UTC",
                new WorkingHours(List.of("mon", "mon", "tue"), "09:00", "17:00"), T0);
    }

    static UpdateAgentRequest change() {
        return new UpdateAgentRequest(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void aNewAgentIsActiveAndOfflineWithNormalisedTags() {
        Agent agent = agent();

        assertThat(agent.isActive()).isTrue();
        assertThat(agent.getStatus()).isEqualTo(AgentStatus.OFFLINE);
        assertThat(agent.getSkills()).containsExactly("billing", "returns");
        assertThat(agent.getLanguages()).containsExactly("en", "pt-br");
        assertThat(agent.getDepartment()).isEqualTo("Care");
        assertThat(agent.getTeam()).isNull();
        assertThat(agent.getWorkingHours()).isEqualTo(new WorkingHours(List.of("mon", "tue"), "09:00", "17:00"));
    }

    @Test
    void anUpdateReportsOnlyTheFieldsThatReallyChanged() {
        Agent agent = agent();
        UpdateAgentRequest same = new UpdateAgentRequest("Sam", null, AgentRole.AGENT, "Care", null, 5, true,
                List.of("RETURNS", "billing"), null, null, "UTC", null);

        assertThat(agent.update(change(), T0.plusSeconds(1))).isEmpty();
        // tags are compared after normalising; only their order differs here, and the order is kept as given
        List<String> changed = agent.update(same, T0.plusSeconds(2));
        assertThat(changed).containsExactly("skills");
        assertThat(agent.getUpdatedAt()).isEqualTo(T0.plusSeconds(2));

        UpdateAgentRequest more = new UpdateAgentRequest(" Samuel ", null, AgentRole.SUPERVISOR, null, "vip", 9, false,
                null, List.of("es"), Seniority.LEAD, "Europe/Madrid", new WorkingHours(List.of("sat"), "22:00", "06:00"));
        assertThat(agent.update(more, T0.plusSeconds(3))).containsExactly("firstName", "role", "team",
                "maxConcurrentTickets", "acceptsNew", "languages", "seniority", "timezone", "workingHours");
        assertThat(agent.getFirstName()).isEqualTo("Samuel");
    }

    @Test
    void aStatusIsSetNotToggled() {
        Agent agent = agent();

        assertThat(agent.changeStatus(AgentStatus.ONLINE, StatusSource.MANUAL, T0.plusSeconds(5))).isEqualTo(AgentStatus.OFFLINE);
        assertThat(agent.changeStatus(AgentStatus.ONLINE, StatusSource.MANUAL, T0.plusSeconds(6))).isNull();
        assertThat(agent.getStatusChangedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void deactivationKeepsTheProfileOfflineAndInactive() {
        Agent agent = agent();
        agent.changeStatus(AgentStatus.BUSY, StatusSource.MANUAL, T0.plusSeconds(1));

        agent.deactivate(T0.plusSeconds(10));

        assertThat(agent.isActive()).isFalse();
        assertThat(agent.getStatus()).isEqualTo(AgentStatus.OFFLINE);
        assertThat(agent.getDeactivatedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(agent.getEmail()).isEqualTo("sam@example.com");
    }

    @Test
    void anAdminGrantsAnyRoleASupervisorAgentsOnlyAnAgentNone() {
        assertThat(new Caller("a", true, true).grantableRoles()).containsExactlyInAnyOrder(AgentRole.values());
        assertThat(new Caller("s", true, false).grantableRoles()).containsExactly(AgentRole.AGENT);
        assertThat(new Caller("g", false, false).grantableRoles()).isEmpty();
    }
}
