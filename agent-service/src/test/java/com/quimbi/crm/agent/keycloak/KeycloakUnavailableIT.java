package com.quimbi.crm.agent.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;

/**
 * Tokens still come from the real Keycloak, but the Admin API points at a port where nothing listens:
 * creating an agent is a 503 problem, and nothing is half-created.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class KeycloakUnavailableIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestInfrastructure.registerServiceProperties(registry);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        registry.add("crm.agent.keycloak.url", () -> "http://localhost:" + closedPort);
        registry.add("crm.agent.keycloak.retry-wait", () -> "10ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KeycloakAdminClient keycloak;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at("http://localhost:" + port);
    }

    @Test
    void creatingAnAgentIsAServiceUnavailableProblemAndLeavesNoProfile() {
        Api.Reply reply = api.as(DemoUser.ADMIN).post("/api/agents", """
                {"email":"nobody@example.com","firstName":"No","lastName":"Body","role":"agent"}""");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.header("Retry-After")).isEqualTo("5");
        assertThat(reply.json().path("detail").asString()).contains("Keycloak").contains("no change was made");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM agent", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class)).isZero();
    }

    @Test
    void afterRepeatedFailuresTheCircuitOpensAndCallsFailFast() {
        for (int i = 0; i < 6; i++) {
            api.as(DemoUser.ADMIN).post("/api/agents", """
                    {"email":"again@example.com","firstName":"A","lastName":"B","role":"agent"}""");
        }
        Api.Reply reply = api.as(DemoUser.ADMIN).post("/api/agents", """
                {"email":"again@example.com","firstName":"A","lastName":"B","role":"agent"}""");

        assertThat(keycloak.circuitState()).isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN);
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().path("type").asString()).isEqualTo("https://supportcrm.dev/problems/identity-unavailable");
    }
}
