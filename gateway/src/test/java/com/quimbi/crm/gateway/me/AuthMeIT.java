package com.quimbi.crm.gateway.me;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.quimbi.crm.devstack.Ports;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;

/**
 * {@code GET /api/auth/me} when agent-service cannot be reached, against the real Keycloak and Redis: the
 * caller still learns who they are. The merged profile with the real agent-service is covered end to end
 * (e2e-tests AgentFlowIT, AuthorizationMatrixIT); no stand-in for our own service here.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AuthMeIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("CRM_REDIS_URL", () -> TestInfrastructure.redis().url());
        registry.add("CRM_KEYCLOAK_URL", () -> TestInfrastructure.keycloak().baseUrl());
        registry.add("CRM_ISSUER_URI", () -> TestInfrastructure.keycloak().issuerUri());
        registry.add("CRM_JWK_SET_URI", () -> TestInfrastructure.keycloak().jwkSetUri());
        // a port nothing listens on: agent-service is down
        registry.add("CRM_AGENT_SERVICE_URL", () -> "http://127.0.0.1:" + Ports.free());
        registry.add("crm.gateway.profile.response-timeout", () -> "500ms");
        registry.add("crm.gateway.deactivations.enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    WebTestClient web;

    @BeforeEach
    void setUp() {
        web = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    @Test
    void anUnreachableAgentServiceLeavesTheTokenIdentity() {
        web.get().uri("/api/auth/me").headers(h -> h.setBearerAuth(DemoUser.ADMIN.token())).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody()
                .jsonPath("$.username").isEqualTo("adam.admin")
                .jsonPath("$.roles").isEqualTo(List.of("agent", "supervisor", "admin"))
                .jsonPath("$.sessionId").isNotEmpty()
                .jsonPath("$.profileStatus").isEqualTo("unavailable");
    }

    @Test
    void meNeedsAToken() {
        web.get().uri("/api/auth/me").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theAgentsRouteNeedsATokenAndAnswers503WhenAgentServiceIsDown() {
        web.get().uri("/api/agents").exchange().expectStatus().isUnauthorized();
        web.get().uri("/api/agents").headers(h -> h.setBearerAuth(DemoUser.AGENT.token())).exchange()
                .expectStatus().isEqualTo(503);
    }
}
