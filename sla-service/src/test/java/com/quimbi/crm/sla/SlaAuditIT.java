package com.quimbi.crm.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

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

/** Every change an admin makes to calendars and policies is in the audit trail once, with what changed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SlaAuditIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
    }

    @LocalServerPort
    int port;

    Api admin;

    @BeforeEach
    void setUp() {
        admin = Api.at("http://localhost:" + port).as(DemoUser.ADMIN);
    }

    static final String CALENDAR = """
            {"name":"%s","timezone":"Europe/Berlin","weeklyHours":{"mon":[{"start":"08:00","end":"12:00"}]},"holidays":[]}""";

    @Test
    void aCalendarAndAPolicyChangedByAnAdminAreRecordedOnceEachWithBeforeAndAfter() {
        Api.Reply created = admin.post("/api/sla/calendars", CALENDAR.formatted("Berlin"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String calendarId = created.json().path("id").asString();
        Api.Reply renamed = put("/api/sla/calendars/" + calendarId, CALENDAR.formatted("Berlin office"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        // refused input changes nothing, so it records nothing
        assertThat(put("/api/sla/calendars/" + calendarId, CALENDAR.formatted("x").replace("Europe/Berlin", "Mars/Base"))
                .status()).isEqualTo(400);

        JsonNode calendar = trail("resourceType=sla_calendar&resourceId=" + calendarId);
        assertThat(calendar.valueStream().map(r -> r.path("action").asString()))
                .containsExactly("sla_calendar.updated", "sla_calendar.created");
        JsonNode update = calendar.get(0);
        assertThat(update.path("service").asString()).isEqualTo("sla-service");
        assertThat(update.path("actor").path("name").asString()).isEqualTo("adam.admin");
        assertThat(update.path("actor").path("roles").valueStream().map(JsonNode::asString)).contains("admin");
        assertThat(update.path("changes").toString())
                .isEqualTo("{\"name\":{\"before\":\"Berlin\",\"after\":\"Berlin office\"}}");
        assertThat(calendar.get(1).path("changes").path("timezone").path("after").asString()).isEqualTo("Europe/Berlin");

        String policy = """
                {"name":"%s","targets":[{"metric":"resolution","target":"P2D","businessHours":false}]}""";
        Api.Reply createdPolicy = admin.post("/api/sla/policies", policy.formatted("Gold"));
        assertThat(createdPolicy.status()).as(createdPolicy.toString()).isEqualTo(201);
        String policyId = createdPolicy.json().path("id").asString();
        assertThat(put("/api/sla/policies/" + policyId, policy.formatted("Platinum")).status()).isEqualTo(200);
        assertThat(admin.send(admin.request("/api/sla/policies/" + policyId).DELETE()).status()).isEqualTo(204);

        JsonNode policies = trail("resourceType=sla_policy&resourceId=" + policyId);
        assertThat(policies.valueStream().map(r -> r.path("action").asString()))
                .containsExactly("sla_policy.deleted", "sla_policy.updated", "sla_policy.created");
        assertThat(policies.get(1).path("changes").toString())
                .isEqualTo("{\"name\":{\"before\":\"Gold\",\"after\":\"Platinum\"}}");
        assertThat(policies.get(0).path("changes").path("name").path("before").asString()).isEqualTo("Platinum");
    }

    @Test
    void onlyAdminsReadTheTrail() {
        assertThat(Api.at("http://localhost:" + port).as(DemoUser.SUPERVISOR).get("/internal/audit").status())
                .isEqualTo(403);
    }

    private JsonNode trail(String query) {
        Api.Reply reply = admin.get("/internal/audit?" + query);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().path("items");
    }

    private Api.Reply put(String path, String json) {
        return admin.send(admin.request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }
}
