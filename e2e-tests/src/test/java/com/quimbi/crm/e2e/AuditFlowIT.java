package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

import tools.jackson.databind.JsonNode;

/**
 * The audit trail through the gateway: an admin changes an SLA policy (sla-service) and creates an agent
 * (agent-service, Keycloak too); {@code GET /api/audit} merges both services' records, newest first, with who did it,
 * from which address and in which request; its cursor pages across services; agents are refused; the services'
 * own {@code /internal/audit} is not reachable through the gateway.
 */
class AuditFlowIT {

    static Api.Reply notLimited(Supplier<Api.Reply> request) {
        return AuthorizationMatrixIT.notLimited(request);
    }

    @Test
    void adminChangesAcrossServicesAreOneTrailWithActorAddressAndRequestId() {
        Instant start = Instant.now().minus(1, ChronoUnit.SECONDS);
        Api admin = E2eStack.gateway().as(E2eStack.login(DemoUser.ADMIN));
        String tag = "audit-flow-" + UUID.randomUUID().toString().substring(0, 8);

        // a policy that matches no real ticket (its own tag), so other flows keep their SLAs
        String policy = """
                {"name":"%s","position":900,"conditions":{"tags":["%s"]},
                 "targets":[{"metric":"resolution","target":"P2D","businessHours":false}]}""";
        Api.Reply created = notLimited(() -> admin.post("/api/sla/policies", policy.formatted("Audit " + tag, tag)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String policyId = created.json().path("id").asString();
        String renameRequest = "audit-rename-" + tag;
        Api.Reply renamed = notLimited(() -> admin.send(admin.request("/api/sla/policies/" + policyId)
                .header("Content-Type", "application/json").header("X-Request-Id", renameRequest)
                .PUT(HttpRequest.BodyPublishers.ofString(policy.formatted("Audit renamed " + tag, tag)))));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);

        String createRequest = "audit-agent-" + tag;
        Api.Reply agent = notLimited(() -> admin.send(admin.request("/api/agents")
                .header("Content-Type", "application/json").header("X-Request-Id", createRequest)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"email":"%s@example.com","username":"%s","firstName":"Audit","lastName":"Flow","role":"agent"}"""
                        .formatted(tag, tag)))));
        assertThat(agent.status()).as(agent.toString()).isEqualTo(201);
        String agentId = agent.json().path("id").asString();

        JsonNode update = only(admin, "resourceType=sla_policy&resourceId=" + policyId + "&action=sla_policy.updated");
        assertThat(update.path("service").asString()).isEqualTo("sla-service");
        assertThat(update.path("actor").path("name").asString()).isEqualTo(DemoUser.ADMIN.username());
        assertThat(update.path("actor").path("roles").valueStream().map(JsonNode::asString)).contains("admin");
        assertThat(update.path("clientIp").asString()).isEqualTo("127.0.0.1");
        assertThat(update.path("requestId").asString()).isEqualTo(renameRequest);
        assertThat(update.path("changes").path("name").toString())
                .isEqualTo("{\"before\":\"Audit %s\",\"after\":\"Audit renamed %s\"}".formatted(tag, tag));

        JsonNode creation = only(admin, "resourceType=agent&resourceId=" + agentId);
        assertThat(creation.path("service").asString()).isEqualTo("agent-service");
        assertThat(creation.path("action").asString()).isEqualTo("agent.created");
        assertThat(creation.path("requestId").asString()).isEqualTo(createRequest);
        assertThat(creation.path("changes").path("username").path("after").asString()).isEqualTo(tag);

        // one record a page, across both services: newest first, each record once, the cursor carries on
        List<String> actions = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        String base = "/api/audit?limit=1&actor=" + DemoUser.ADMIN.username() + "&from="
                + URLEncoder.encode(start.toString(), StandardCharsets.UTF_8);
        String cursor = null;
        Instant previous = Instant.MAX;
        for (int page = 0; page < 50; page++) {
            String path = cursor == null ? base : base + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
            Api.Reply reply = notLimited(() -> admin.get(path));
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.json().path("partial").isEmpty()).as(reply.toString()).isTrue();
            JsonNode items = reply.json().path("items");
            assertThat(items.size()).isLessThanOrEqualTo(1);
            for (JsonNode item : items) {
                Instant at = Instant.parse(item.path("occurredAt").asString());
                assertThat(at).isBeforeOrEqualTo(previous);
                previous = at;
                actions.add(item.path("action").asString());
                ids.add(item.path("id").asString());
            }
            cursor = reply.json().path("nextCursor").asString(null);
            if (cursor == null) {
                break;
            }
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(actions).containsSubsequence("agent.created", "sla_policy.updated", "sla_policy.created");
    }

    @Test
    void onlyAdminsReadTheTrailAndTheServicesOwnEndpointIsNotRouted() {
        Api agent = E2eStack.gateway().as(E2eStack.login(DemoUser.AGENT));
        Api.Reply refused = notLimited(() -> agent.get("/api/audit"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(notLimited(() -> E2eStack.gateway().as(E2eStack.login(DemoUser.SUPERVISOR)).get("/api/audit"))
                .status()).isEqualTo(403);

        Api admin = E2eStack.gateway().as(E2eStack.login(DemoUser.ADMIN));
        assertThat(notLimited(() -> admin.get("/internal/audit")).status()).isEqualTo(404);
        Api.Reply bad = notLimited(() -> admin.get("/api/audit?from=yesterday"));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(notLimited(() -> admin.get("/api/audit?limit=0")).status()).isEqualTo(400);
    }

    private static JsonNode only(Api admin, String query) {
        Api.Reply reply = notLimited(() -> admin.get("/api/audit?" + query));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("items").size()).as(reply.toString()).isEqualTo(1);
        return reply.json().path("items").get(0);
    }
}
