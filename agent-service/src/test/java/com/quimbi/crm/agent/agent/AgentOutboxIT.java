package com.quimbi.crm.agent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.contracts.agent.AgentStatus;
import com.quimbi.crm.contracts.agent.Seniority;
import com.quimbi.crm.test.TestInfrastructure;

/** Every agent use case writes its state and exactly one contract-valid event in one transaction. */
@SpringBootTest
@DirtiesContext
class AgentOutboxIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.agent.keycloak.url", () -> TestInfrastructure.keycloak().baseUrl());
    }

    static final Caller ADMIN = new Caller(UUID.randomUUID().toString(), true, true);

    @Autowired
    AgentService agents;
    @Autowired
    JdbcTemplate jdbc;

    static CreateAgentRequest request(String username, AgentRole role) {
        return new CreateAgentRequest(username + "@example.com", username, "Sam", "Lee", role, null, "billing", 4,
                true, List.of("Refunds"), List.of("en"), Seniority.SENIOR, "America/New_York",
                new WorkingHours(List.of("mon", "fri"), "08:00", "16:00"), "sam-pass-1234", false);
    }

    @Test
    void everyUseCaseWritesOneContractValidEvent() {
        String username = "outbox-" + UUID.randomUUID().toString().substring(0, 8);
        Agent agent = agents.create(request(username, AgentRole.AGENT), ADMIN);
        UUID id = agent.getId();

        agents.update(id, new UpdateAgentRequest(null, null, AgentRole.SUPERVISOR, null, "vip", null, null,
                List.of("refunds", "vip"), null, Seniority.LEAD, null, null), null, ADMIN);
        agents.update(id, new UpdateAgentRequest(null, null, null, null, "vip", null, null, null, null, null, null, null),
                null, ADMIN); // no change: no event
        agents.changeStatus(id, AgentStatus.ONLINE, new Caller(id.toString(), false, false));
        agents.changeStatus(id, AgentStatus.ONLINE, new Caller(id.toString(), false, false)); // same: no event
        agents.deactivate(id, ADMIN);

        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT aggregatetype, type, payload::text AS payload FROM outbox WHERE aggregateid = ? ORDER BY occurredat""",
                id.toString());
        assertThat(rows).extracting(r -> r.get("type")).containsExactly("agent.created", "agent.updated",
                "agent.status_changed", "agent.deactivated");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("aggregatetype")).isEqualTo("agent");
            EventContracts.assertValid((String) r.get("payload"));
        });
        assertThat((String) rows.get(1).get("payload")).contains("\"changedFields\": [\"role\", \"team\", \"skills\", \"seniority\"]");
        assertThat((String) rows.get(2).get("payload")).contains("\"source\": \"manual\"").contains("\"previousStatus\": \"offline\"");
        assertThat((String) rows.get(0).get("payload")).contains("\"actor\": {\"id\": \"" + ADMIN.id() + "\", \"type\": \"agent\"}");
    }
}
