package com.quimbi.crm.agent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;

import tools.jackson.databind.JsonNode;

/**
 * Creating, changing and deactivating an agent (each also a Keycloak change) is in the audit trail once each,
 * with the changed fields before and after and never the initial password.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class AgentAuditIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.agent.keycloak.url", () -> TestInfrastructure.keycloak().baseUrl());
    }

    @LocalServerPort
    int port;

    Api admin;

    @BeforeEach
    void setUp() {
        admin = Api.at("http://localhost:" + port).as(DemoUser.ADMIN);
    }

    @Test
    void createChangeAndDeactivateAreRecordedOnceEach() {
        String username = "audited-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = admin.post("/api/agents", """
                {"email":"%s@example.com","username":"%s","firstName":"Ana","lastName":"Audit","role":"agent",
                 "team":"returns","skills":["billing"],"initialPassword":"first-pass-123","temporaryPassword":false}"""
                .formatted(username, username));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asString();

        Api.Reply promoted = patch(id, "{\"role\":\"supervisor\",\"team\":\"vip\",\"skills\":[\"billing\",\"returns\"]}");
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        // the same values again: no change, no record
        assertThat(patch(id, "{\"team\":\"vip\"}").status()).isEqualTo(200);
        assertThat(admin.send(admin.request("/api/agents/" + id).DELETE()).status()).isEqualTo(204);

        Api.Reply reply = admin.get("/internal/audit?resourceType=agent&resourceId=" + id);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode records = reply.json().path("items");
        assertThat(records.valueStream().map(r -> r.path("action").asString()))
                .containsExactly("agent.deactivated", "agent.updated", "agent.created");

        JsonNode update = records.get(1);
        assertThat(update.path("service").asString()).isEqualTo("agent-service");
        assertThat(update.path("actor").path("name").asString()).isEqualTo("adam.admin");
        assertThat(update.path("changes").propertyNames()).containsExactlyInAnyOrder("role", "team", "skills");
        assertThat(update.path("changes").path("role").toString())
                .isEqualTo("{\"before\":\"agent\",\"after\":\"supervisor\"}");
        assertThat(update.path("changes").path("team").toString()).isEqualTo("{\"before\":\"returns\",\"after\":\"vip\"}");

        assertThat(records.get(0).path("changes").path("active").toString())
                .isEqualTo("{\"before\":true,\"after\":false}");
        JsonNode creation = records.get(2).path("changes");
        assertThat(creation.path("username").path("after").asString()).isEqualTo(username);
        assertThat(creation.path("role").path("after").asString()).isEqualTo("agent");
        assertThat(records.toString()).doesNotContain("first-pass-123");
    }

    @Test
    void supervisorsDoNotReadTheTrail() {
        assertThat(Api.at("http://localhost:" + port).as(DemoUser.SUPERVISOR).get("/internal/audit").status())
                .isEqualTo(403);
    }

    private Api.Reply patch(String id, String json) {
        return admin.send(admin.request("/api/agents/" + id).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }
}
