package com.quimbi.crm.automation.apply;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;

import tools.jackson.databind.JsonNode;

/**
 * Macros with real Postgres, Kafka and Keycloak tokens; ticket- and assignment-service are WireMock stand-ins
 * here (e2e-tests' MacroFlowIT applies a macro to a real ticket through the gateway). What is checked: roles and
 * scopes, unknown placeholders refused at save, the preview, and that an application acts with the agent's own
 * token, does each step once under retries and redelivery, and counts and publishes once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class MacroApplyIT {

    static final WireMockServer TICKETS = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        TICKETS.start();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.automation.peers.ticket-service-url", TICKETS::baseUrl);
        registry.add("crm.automation.peers.assignment-service-url", TICKETS::baseUrl);
    }

    @AfterAll
    static void stop() {
        TICKETS.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    Api api;
    String agentToken;
    UUID ticketId;

    @BeforeEach
    void setUp() {
        api = Api.at("http://localhost:" + port);
        agentToken = DemoUser.AGENT.token();
        ticketId = UUID.randomUUID();
        TICKETS.resetAll();
        TICKETS.stubFor(get(urlEqualTo("/api/tickets/" + ticketId)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("ETag", "\"3\"")
                .withBody("""
                        {"id":"%s","number":"T-1042","subject":"Where is my refund?","status":"open","priority":"normal",
                         "tags":["billing","new"],"assigneeId":null,"category":null,
                         "customer":{"id":"%s","email":"ana@example.com","name":"Ana María López"}}"""
                        .formatted(ticketId, UUID.randomUUID()))));
        TICKETS.stubFor(post(urlEqualTo("/api/tickets/" + ticketId + "/messages"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{}")));
        TICKETS.stubFor(patch(urlEqualTo("/api/tickets/" + ticketId))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));
    }

    static final String REFUND = """
            {"name":"Refund issued %s","scope":"%s","replyText":"Hi {{customer.first_name}}, the refund for {{ ticket.number }} is on its way.",
             "replyHtml":"<p>Hi {{customer.first_name}}</p>",
             "actions":{"status":"pending","priority":"high","addTags":["refund"],"removeTags":["new"],
                        "note":"Refund sent for {{customer.name}}"}}""";

    Api.Reply put(Api client, String path, String json) {
        return client.send(client.request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Api.Reply apply(String macroId, String key) {
        HttpRequest.Builder request = api.as(agentToken).request("/api/tickets/" + ticketId + "/macros/" + macroId + "/apply")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return api.send(request);
    }

    String createPersonal() {
        Api.Reply created = api.as(agentToken).post("/api/macros", REFUND.formatted(UUID.randomUUID(), "personal"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    @Test
    void scopesDecideWhoManagesAndSeesMacros() {
        String personal = createPersonal();
        Api.Reply sharedByAgent = api.as(agentToken).post("/api/macros", REFUND.formatted("x", "shared"));
        assertThat(sharedByAgent.status()).as(sharedByAgent.toString()).isEqualTo(403);
        assertThat(sharedByAgent.contentType()).startsWith("application/problem+json");
        Api.Reply shared = api.as(DemoUser.SUPERVISOR).post("/api/macros", REFUND.formatted(UUID.randomUUID(), "shared"));
        assertThat(shared.status()).as(shared.toString()).isEqualTo(201);
        String sharedId = shared.json().path("id").asString();

        List<String> agentSees = api.as(agentToken).get("/api/macros").json().valueStream()
                .map(m -> m.path("id").asString()).toList();
        assertThat(agentSees).contains(personal, sharedId);
        // someone else's personal macro does not exist for the supervisor; the shared one cannot be changed by an agent
        assertThat(api.as(DemoUser.SUPERVISOR).get("/api/macros/" + personal).status()).isEqualTo(404);
        assertThat(put(api.as(agentToken), "/api/macros/" + sharedId, REFUND.formatted("y", "shared")).status()).isEqualTo(403);
        Api.Reply renamed = put(api.as(agentToken), "/api/macros/" + personal, REFUND.formatted("renamed", "personal"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().path("name").asString()).isEqualTo("Refund issued renamed");
        // a team macro needs a team; an agent with no team (no agent profile here) may not manage one
        assertThat(api.as(agentToken).post("/api/macros", REFUND.formatted("t", "team")).status()).isEqualTo(400);
        assertThat(api.as(agentToken).post("/api/macros", REFUND.formatted("t", "team").replace("\"scope\":\"team\"",
                "\"scope\":\"team\",\"team\":\"Billing\"")).status()).isEqualTo(403);
        assertThat(api.as(DemoUser.SUPERVISOR).post("/api/macros", REFUND.formatted("t", "team").replace("\"scope\":\"team\"",
                "\"scope\":\"team\",\"team\":\"Billing\"")).status()).isEqualTo(201);
        assertThat(api.send(api.as(DemoUser.SUPERVISOR).request("/api/macros/" + sharedId).DELETE()).status()).isEqualTo(204);
        assertThat(api.get("/api/macros").status()).isEqualTo(401);
    }

    @Test
    void anUnknownPlaceholderIsRefusedAtSaveWithItsName() {
        Api.Reply reply = api.as(agentToken).post("/api/macros", """
                {"name":"Typo","scope":"personal","replyText":"Hi {{customer.frist_name}}, order {{order.number}}",
                 "actions":{"note":"{{ticket.numbr}}"}}""");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("errors").valueStream().map(e -> e.path("field").asString() + ": " + e.path("message").asString()))
                .anySatisfy(e -> assertThat(e).startsWith("replyText: unknown placeholder {{customer.frist_name}}"))
                .anySatisfy(e -> assertThat(e).startsWith("replyText: unknown placeholder {{order.number}}"))
                .anySatisfy(e -> assertThat(e).startsWith("actions.note: unknown placeholder {{ticket.numbr}}"));
        Api.Reply badStatus = api.as(agentToken).post("/api/macros", """
                {"name":"Bad","scope":"personal","actions":{"status":"reopened","addTags":["no spaces"]}}""");
        assertThat(badStatus.status()).isEqualTo(400);
    }

    @Test
    void previewRendersTheReplyAndListsTheChangesWithoutChangingAnything() {
        String macro = createPersonal();
        Api.Reply preview = api.as(agentToken).post("/api/tickets/" + ticketId + "/macros/" + macro + "/preview", "{}");
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        JsonNode body = preview.json();
        assertThat(body.path("replyText").asString()).isEqualTo("Hi Ana, the refund for T-1042 is on its way.");
        assertThat(body.path("replyHtml").asString()).isEqualTo("<p>Hi Ana</p>");
        assertThat(body.path("note").asString()).isEqualTo("Refund sent for Ana María López");
        assertThat(body.path("changes").valueStream().map(c -> c.path("field").asString() + "=" + c.path("to")))
                .containsExactly("status=\"pending\"", "priority=\"high\"", "tags=[\"billing\",\"refund\"]");
        TICKETS.verify(0, postRequestedFor(urlEqualTo("/api/tickets/" + ticketId + "/messages")));
        TICKETS.verify(0, patchRequestedFor(urlEqualTo("/api/tickets/" + ticketId)));
        assertThat(api.as(agentToken).post("/api/tickets/" + ticketId + "/macros/" + UUID.randomUUID() + "/preview", "{}")
                .status()).isEqualTo(404);
    }

    @Test
    void applyActsAsTheAgentOnceEvenWhenRepeated() {
        String macro = createPersonal();
        String key = "apply-" + UUID.randomUUID();
        Api.Reply first = apply(macro, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("replySent").asBoolean()).isTrue();
        assertThat(first.json().path("replayed").asBoolean()).isFalse();
        Api.Reply again = apply(macro, key);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().path("applicationId").asString()).isEqualTo(first.json().path("applicationId").asString());

        // one reply, one note, one PATCH, each with the agent's own token
        TICKETS.verify(1, postRequestedFor(urlEqualTo("/api/tickets/" + ticketId + "/messages"))
                .withHeader("Authorization", equalTo("Bearer " + agentToken))
                .withRequestBody(matchingJsonPath("$.internal", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.body", equalTo("Hi Ana, the refund for T-1042 is on its way."))));
        TICKETS.verify(1, postRequestedFor(urlEqualTo("/api/tickets/" + ticketId + "/messages"))
                .withRequestBody(matchingJsonPath("$.internal", equalTo("true"))));
        TICKETS.verify(1, patchRequestedFor(urlEqualTo("/api/tickets/" + ticketId))
                .withHeader("Authorization", equalTo("Bearer " + agentToken))
                .withHeader("If-Match", equalTo("\"3\""))
                .withRequestBody(equalToJson("""
                        {"status":"pending","priority":"high","tags":["billing","refund"]}""")));
        assertThat(api.as(agentToken).get("/api/macros/" + macro).json().path("usageCount").asLong()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE type = 'macro.applied' AND aggregateid = ?",
                Long.class, ticketId.toString())).isEqualTo(1);

        // the same key for another ticket is refused; a bad key too
        ticketId = UUID.randomUUID();
        Api.Reply otherTicket = apply(macro, key);
        assertThat(otherTicket.status()).as(otherTicket.toString()).isEqualTo(400);
        Api.Reply badKey = apply(macro, "a b");
        assertThat(badKey.status()).as(badKey.toString()).isEqualTo(400);
    }

    @Test
    void aFailedStepIsRetriedWithTheSameKeyWithoutRepeatingTheStepsDone() {
        String macro = createPersonal();
        TICKETS.stubFor(patch(urlEqualTo("/api/tickets/" + ticketId)).inScenario("down").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        TICKETS.stubFor(patch(urlEqualTo("/api/tickets/" + ticketId)).inScenario("down").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));
        String key = "retry-" + UUID.randomUUID();
        Api.Reply failed = apply(macro, key);
        assertThat(failed.status()).as(failed.toString()).isEqualTo(503);
        assertThat(failed.header("Retry-After")).isNotNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE type = 'macro.applied' AND aggregateid = ?",
                Long.class, ticketId.toString())).isZero();

        Api.Reply retried = apply(macro, key);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        TICKETS.verify(2, postRequestedFor(urlEqualTo("/api/tickets/" + ticketId + "/messages"))); // reply + note, once each
        TICKETS.verify(2, patchRequestedFor(urlEqualTo("/api/tickets/" + ticketId)));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE type = 'macro.applied' AND aggregateid = ?",
                Long.class, ticketId.toString())).isEqualTo(1);
    }

    @Test
    void aRefusalByTicketServicePassesThroughAsAProblem() {
        String macro = createPersonal();
        TICKETS.stubFor(patch(urlEqualTo("/api/tickets/" + ticketId)).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"Conflict\",\"status\":409,\"detail\":\"A closed ticket cannot change.\"}")));
        Api.Reply reply = apply(macro, null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("detail").asString()).isEqualTo("A closed ticket cannot change.");
    }
}
