package com.quimbi.crm.agent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;

/** The demo users of the real realm get profiles with their Keycloak roles, once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ProfileBootstrapIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.agent.keycloak.url", () -> TestInfrastructure.keycloak().baseUrl());
        registry.add("crm.agent.bootstrap-usernames", () -> "alex.agent, sara.supervisor,adam.admin,nobody.here");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AgentService agents;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at("http://localhost:" + port);
    }

    @Test
    void demoUsersGetProfilesWithTheirRealmRoles() {
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject("SELECT count(*) FROM agent", Long.class) == 3);

        Api.Reply me = api.as(DemoUser.SUPERVISOR).get("/api/agents/me");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().path("role").asString()).isEqualTo("supervisor");
        assertThat(me.json().path("email").asString()).isEqualTo("sara.supervisor@example.com");
        assertThat(api.as(DemoUser.ADMIN).get("/api/agents/me").json().path("role").asString()).isEqualTo("admin");
        assertThat(api.as(DemoUser.AGENT).get("/api/agents/me").json().path("firstName").asString()).isEqualTo("Alex");
        jdbc.queryForList("SELECT payload::text FROM outbox WHERE type = 'agent.created'", String.class)
                .forEach(EventContracts::assertValid);

        // a second run finds every profile in place
        String id = me.json().path("id").asString();
        assertThat(agents.importExisting(java.util.UUID.fromString(id), "sara.supervisor", "sara.supervisor@example.com",
                "Sara", "Supervisor", AgentRole.SUPERVISOR)).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class)).isEqualTo(3);
    }
}
