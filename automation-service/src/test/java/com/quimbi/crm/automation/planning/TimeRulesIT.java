package com.quimbi.crm.automation.planning;

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
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.KafkaProbe;
import com.quimbi.crm.test.TestInfrastructure;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Time and event rules with real Postgres, Kafka (ticket and enrichment events through the inbox) and Keycloak (the
 * service account's client credentials); ticket-service is a WireMock stand-in here. A rule fires at its moment
 * (time) or on its event, once, as the service account, naming itself in a note; redelivered events and re-plans
 * fire nothing twice; the firing limit holds; the auto-reply goes once per customer window; dry runs change nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class TimeRulesIT {

    static final WireMockServer TICKETS = new WireMockServer(wireMockConfig().dynamicPort());
    static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        TICKETS.start();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.automation.peers.ticket-service-url", TICKETS::baseUrl);
        registry.add("crm.automation.peers.assignment-service-url", TICKETS::baseUrl);
        registry.add("crm.automation.peers.token-url",
                () -> TestInfrastructure.keycloak().issuerUri() + "/protocol/openid-connect/token");
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
    String tag;

    @BeforeEach
    void setUp() {
        api = Api.at("http://localhost:" + port);
        tag = "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    void ticketService(UUID ticketId, String status) {
        TICKETS.stubFor(get(urlEqualTo("/api/tickets/" + ticketId)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("ETag", "\"7\"").withBody("""
                        {"id":"%s","number":"T-77","subject":"Late","status":"%s","priority":"normal","tags":["%s"],
                         "customer":{"name":"Ana López","email":"ana@example.com"}}""".formatted(ticketId, status, tag))));
        TICKETS.stubFor(patch(urlEqualTo("/api/tickets/" + ticketId)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        TICKETS.stubFor(post(urlEqualTo("/api/tickets/" + ticketId + "/messages")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{}")));
    }

    String rule(int maxFirings) {
        Api.Reply created = api.as(DemoUser.ADMIN).post("/api/automations/time-rules", """
                {"name":"New for a minute %s","statuses":["new","open"],"tags":["%s"],"afterMinutes":1,
                 "actions":{"priority":"urgent","addTags":["escalated"],"note":"Escalated {{ticket.number}} for {{customer.first_name}}"},
                 "maxFirings":%d}""".formatted(tag, tag, maxFirings));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    static String event(String type, UUID ticketId, Map<String, Object> data) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.golden(type, 1));
        event.put("id", UUID.randomUUID().toString());
        event.put("aggregateId", ticketId.toString());
        ObjectNode body = (ObjectNode) event.path("data");
        body.put("ticketId", ticketId.toString());
        data.forEach((field, value) -> body.set(field, JSON.valueToTree(value)));
        return event.toString();
    }

    static void deliver(UUID ticketId, String event) {
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), Topics.TICKET, ticketId.toString(), event,
                Map.of());
    }

    /** Postgres keeps microseconds; whole milliseconds compare equal after the round trip. */
    static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    List<Instant> dueOf(UUID ticketId) {
        return jdbc.queryForList("SELECT due_at FROM rule_due WHERE ticket_id = ?", java.sql.Timestamp.class, ticketId)
                .stream().map(java.sql.Timestamp::toInstant).toList();
    }

    @Test
    void onlyAdminsWriteRulesAndBadRulesAreProblems() {
        assertThat(api.as(DemoUser.SUPERVISOR).get("/api/automations/time-rules").status()).isEqualTo(200);
        assertThat(api.as(DemoUser.AGENT).get("/api/automations/time-rules").status()).isEqualTo(403);
        String body = """
                {"name":"x","statuses":["pending"],"afterMinutes":5,"actions":{"status":"solved"}}""";
        assertThat(api.as(DemoUser.SUPERVISOR).post("/api/automations/time-rules", body).status()).isEqualTo(403);
        for (String bad : List.of(
                """
                {"name":"x","statuses":["closed"],"afterMinutes":5,"actions":{}}""",
                """
                {"name":"x","statuses":["new"],"afterMinutes":0,"actions":{}}""",
                """
                {"name":"x","statuses":["new"],"afterMinutes":5,"actions":{"assignee":"me"}}""",
                """
                {"name":"x","statuses":["new"],"afterMinutes":5,"actions":{"note":"{{agent.first_name}} {{nope}}"}}""")) {
            Api.Reply reply = api.as(DemoUser.ADMIN).post("/api/automations/time-rules", bad);
            assertThat(reply.status()).as(bad + " → " + reply).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void aRuleFiresAtItsMomentOnceAsTheServiceAccount() throws Exception {
        String ruleId = rule(1);
        UUID ticketId = UUID.randomUUID();
        ticketService(ticketId, "new");
        // created 57 s ago: due in 3 s
        Instant createdAt = now().minusSeconds(57);
        Instant due = createdAt.plusSeconds(60);
        String created = event("ticket.created", ticketId, Map.of("status", "new", "priority", "normal",
                "tags", List.of(tag), "createdAt", createdAt.toString()));
        deliver(ticketId, created);
        await().atMost(Duration.ofSeconds(10)).until(() -> dueOf(ticketId).equals(List.of(due)));

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                TICKETS.verify(1, patchRequestedFor(urlEqualTo("/api/tickets/" + ticketId))));
        LoggedRequest patched = TICKETS.findAll(patchRequestedFor(urlEqualTo("/api/tickets/" + ticketId))).get(0);
        Instant firedAt = patched.getLoggedDate().toInstant();
        assertThat(firedAt).isAfterOrEqualTo(due.minusMillis(50)).isBefore(due.plusSeconds(2));
        assertThat(patched.getHeader("If-Match")).isEqualTo("\"7\"");
        assertThat(patched.getHeader("Idempotency-Key")).isEqualTo("time-rule:" + ruleId + ":" + ticketId + ":1:fields");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(
                patched.getHeader("Authorization").substring("Bearer ".length()).split("\\.")[1]));
        assertThat(claims.path("azp").asString()).isEqualTo("crm-automation-service");
        TICKETS.verify(1, patchRequestedFor(urlEqualTo("/api/tickets/" + ticketId)).withRequestBody(equalToJson("""
                {"priority":"urgent","tags":["%s","escalated"]}""".formatted(tag))));
        TICKETS.verify(1, postRequestedFor(urlEqualTo("/api/tickets/" + ticketId + "/messages"))
                .withRequestBody(matchingJsonPath("$.body", equalTo("Automation: time rule «New for a minute " + tag
                        + "»: priority normal → urgent; tags [" + tag + "] → [" + tag + ", escalated]\n\n"
                        + "Escalated T-77 for Ana")))
                .withRequestBody(matchingJsonPath("$.internal", equalTo("true"))));

        // the same event again (inbox), the priority change it caused (re-plan): nothing fires twice
        deliver(ticketId, created);
        deliver(ticketId, event("ticket.updated", ticketId, Map.of("changes", Map.of("priority",
                Map.of("old", "normal", "new", "urgent")))));
        // nothing may happen for a while: keep asserting it, rather than sleeping and looking once
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                TICKETS.verify(1, patchRequestedFor(urlEqualTo("/api/tickets/" + ticketId))));
        assertThat(dueOf(ticketId)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT firings FROM rule_firing WHERE ticket_id = ?", Integer.class, ticketId))
                .isEqualTo(1);
    }

    @Test
    void theFiringLimitStopsARuleOnATicketThatKeepsComingBack() {
        String limited = rule(1);
        String twice = rule(2);
        UUID ticketId = UUID.randomUUID();
        ticketService(ticketId, "open");
        deliver(ticketId, event("ticket.created", ticketId, Map.of("status", "open", "priority", "normal",
                "tags", List.of(tag), "createdAt", now().minusSeconds(120).toString())));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM rule_firing WHERE ticket_id = ?", Long.class, ticketId)).isEqualTo(2));

        // another rule's action sends it to pending and back to open (a ping-pong): only the rule with firings left
        // is planned again, a minute after the ticket came back
        Instant back = now().plusMillis(10);
        deliver(ticketId, event("ticket.status_changed", ticketId, Map.of("from", "open", "to", "pending",
                "changedAt", now().toString())));
        deliver(ticketId, event("ticket.status_changed", ticketId, Map.of("from", "pending", "to", "open",
                "changedAt", back.toString())));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT rule_id FROM rule_due WHERE ticket_id = ?", UUID.class, ticketId))
                .containsExactly(UUID.fromString(twice)));
        assertThat(limited).isNotEqualTo(twice);
    }

    @Test
    void aRuleChangeReplansAndADeletedRuleTakesItsDueMomentsAlong() {
        String ruleId = rule(1);
        UUID ticketId = UUID.randomUUID();
        ticketService(ticketId, "new");
        Instant createdAt = now();
        deliver(ticketId, event("ticket.created", ticketId, Map.of("status", "new", "priority", "normal",
                "tags", List.of(tag), "createdAt", createdAt.toString())));
        await().atMost(Duration.ofSeconds(10)).until(() -> dueOf(ticketId).size() == 1);
        Api.Reply changed = api.send(api.as(DemoUser.ADMIN).request("/api/automations/time-rules/" + ruleId)
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"name":"Later","statuses":["new"],"tags":["%s"],"afterMinutes":90,"actions":{"priority":"high"}}"""
                        .formatted(tag))));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(dueOf(ticketId)).containsExactly(createdAt.plus(Duration.ofMinutes(90)));
        assertThat(api.send(api.as(DemoUser.ADMIN).request("/api/automations/time-rules/" + ruleId).DELETE()).status())
                .isEqualTo(204);
        assertThat(dueOf(ticketId)).isEmpty();
    }

    // ---- event rules (same context: one Spring, Kafka and WireMock start for both kinds of rules) ----

    String eventRule(String body) {
        Api.Reply created = api.as(DemoUser.ADMIN).post("/api/automations/event-rules", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    long messages(UUID ticketId, boolean internal) {
        return TICKETS.findAll(postRequestedFor(urlEqualTo("/api/tickets/" + ticketId + "/messages"))).stream()
                .filter(r -> JSON.readTree(r.getBodyAsString()).path("internal").asBoolean() == internal).count();
    }

    @Test
    void eventRulesAreAdminsToWriteSupervisorsToReadAndBadOnesAreProblems() {
        assertThat(api.as(DemoUser.SUPERVISOR).get("/api/automations/event-rules").status()).isEqualTo(200);
        assertThat(api.as(DemoUser.SUPERVISOR).get("/api/automations/rule-sets").status()).isEqualTo(200);
        assertThat(api.as(DemoUser.AGENT).get("/api/automations/event-rules").status()).isEqualTo(403);
        assertThat(api.as(DemoUser.AGENT).post("/api/automations/" + UUID.randomUUID() + "/preview", "").status())
                .isEqualTo(403);
        String fine = """
                {"name":"x","triggers":["ticket_created"],"actions":{"priority":"high"}}""";
        assertThat(api.as(DemoUser.SUPERVISOR).post("/api/automations/event-rules", fine).status()).isEqualTo(403);
        for (String bad : List.of(
                """
                {"name":"x","triggers":["ticket.created"],"actions":{}}""",
                """
                {"name":"x","triggers":[],"actions":{}}""",
                """
                {"name":"x","triggers":["message_added"],"actions":{},"autoReply":"Thanks!"}""",
                """
                {"name":"x","triggers":["ticket_created"],"actions":{"assignee":"me"}}""",
                """
                {"name":"x","triggers":["ticket_created"],"actions":{},"autoReply":"Hi {{order.number}}"}""",
                """
                {"name":"x","triggers":["ticket_created"],"actions":{},"conditions":{"channels":["fax"]}}""",
                """
                {"name":"x","triggers":["ticket_created"],"actions":{},"ruleSet":"no spaces"}""")) {
            Api.Reply reply = api.as(DemoUser.ADMIN).post("/api/automations/event-rules", bad);
            assertThat(reply.status()).as(bad + " → " + reply).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
        Api.Reply badMode = api.send(api.as(DemoUser.ADMIN).request("/api/automations/rule-sets/" + tag)
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"mode\":\"some_match\"}")));
        assertThat(badMode.status()).as(badMode.toString()).isEqualTo(400);
        assertThat(api.as(DemoUser.SUPERVISOR).post("/api/automations/" + UUID.randomUUID() + "/preview", "").status())
                .isEqualTo(404);
        String id = eventRule(fine.replace("\"x\"", "\"%s\"".formatted(tag)));
        assertThat(api.as(DemoUser.SUPERVISOR).get("/api/automations/event-rules/" + id).json().path("ruleSet")
                .asString()).isEqualTo("default");
        assertThat(api.send(api.as(DemoUser.ADMIN).request("/api/automations/event-rules/" + id).DELETE()).status())
                .isEqualTo(204);
        assertThat(api.as(DemoUser.SUPERVISOR).get("/api/automations/event-rules/" + id).status()).isEqualTo(404);
    }

    @Test
    void anEventRuleFiresOnceNamesItselfAndAutoRepliesOncePerCustomerWindow() {
        Api.Reply mode = api.send(api.as(DemoUser.ADMIN).request("/api/automations/rule-sets/" + tag)
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"mode\":\"first_match\"}")));
        assertThat(mode.status()).as(mode.toString()).isEqualTo(200);
        String refunds = eventRule("""
                {"name":"Refunds %s","ruleSet":"%s","position":1,"triggers":["ticket_created"],
                 "conditions":{"channels":["email"],"tags":["%s"],"textContains":["REFUND"],"previousTicketsMax":5},
                 "actions":{"priority":"high","addTags":["refund"],"note":"Refund asked by {{customer.first_name}}"},
                 "autoReply":"Hi {{customer.first_name}}, we got {{ticket.number}}."}""".formatted(tag, tag, tag));
        // same set, later position: first_match means it never fires where the first one did
        String fallback = eventRule("""
                {"name":"Everything else %s","ruleSet":"%s","position":2,"triggers":["ticket_created"],
                 "conditions":{"tags":["%s"]},"actions":{"priority":"low"}}""".formatted(tag, tag, tag));
        String customer = tag + "@example.com";
        UUID ticketId = UUID.randomUUID();
        ticketService(ticketId, "new");
        String created = event("ticket.created", ticketId, Map.of("status", "new", "priority", "normal",
                "channel", "email", "tags", List.of(tag), "customerEmail", customer,
                "customerId", UUID.randomUUID().toString(), "description", "I want a refund, please",
                "createdAt", now().toString()));
        deliver(ticketId, created);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                TICKETS.verify(1, patchRequestedFor(urlEqualTo("/api/tickets/" + ticketId))));
        LoggedRequest patched = TICKETS.findAll(patchRequestedFor(urlEqualTo("/api/tickets/" + ticketId))).get(0);
        assertThat(patched.getHeader("If-Match")).isEqualTo("\"7\"");
        assertThat(patched.getHeader("Idempotency-Key"))
                .isEqualTo("event-rule:" + refunds + ":" + ticketId + ":1:fields");
        TICKETS.verify(1, patchRequestedFor(urlEqualTo("/api/tickets/" + ticketId)).withRequestBody(equalToJson("""
                {"priority":"high","tags":["%s","refund"]}""".formatted(tag))));
        TICKETS.verify(1, postRequestedFor(urlEqualTo("/api/tickets/" + ticketId + "/messages"))
                .withRequestBody(matchingJsonPath("$.internal", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.body", equalTo("Automation: event rule (ticket_created) «Refunds "
                        + tag + "»: priority normal → high; tags [" + tag + "] → [" + tag + ", refund]\n\n"
                        + "Refund asked by Ana"))));
        TICKETS.verify(1, postRequestedFor(urlEqualTo("/api/tickets/" + ticketId + "/messages"))
                .withRequestBody(matchingJsonPath("$.internal", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.body", equalTo("Hi Ana, we got T-77.")))
                .withHeader("Idempotency-Key", equalTo("event-rule:" + refunds + ":" + ticketId + ":1:reply")));

        // the same event again (inbox): nothing more; the fallback never fired
        deliver(ticketId, created);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            TICKETS.verify(1, patchRequestedFor(urlEqualTo("/api/tickets/" + ticketId)));
            assertThat(messages(ticketId, false)).isEqualTo(1);
        });
        assertThat(jdbc.queryForList("SELECT rule_id FROM event_rule_firing WHERE ticket_id = ?", UUID.class, ticketId))
                .containsExactly(UUID.fromString(refunds));
        assertThat(fallback).isNotEqualTo(refunds);

        // the same customer's next ticket within the window: the rule fires, the auto-reply does not go out again
        UUID second = UUID.randomUUID();
        ticketService(second, "new");
        deliver(second, event("ticket.created", second, Map.of("status", "new", "priority", "normal",
                "channel", "email", "tags", List.of(tag), "customerEmail", customer.toUpperCase(java.util.Locale.ROOT),
                "description", "Another refund", "createdAt", now().toString())));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                TICKETS.verify(1, patchRequestedFor(urlEqualTo("/api/tickets/" + second))));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() ->
                assertThat(messages(second, false)).isZero());
        assertThat(messages(second, true)).isEqualTo(1);

        // the dry run: both tickets match (read model priority normal: ticket-service's stand-in sends no events
        // back); the limit is reached on each
        Api.Reply preview = api.as(DemoUser.SUPERVISOR).post("/api/automations/" + refunds + "/preview", "");
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().path("kind").asString()).isEqualTo("event_rule");
        assertThat(preview.json().path("matching").asInt()).isEqualTo(2);
        JsonNode first = preview.json().path("tickets").valueStream()
                .filter(t -> t.path("ticketId").asString().equals(ticketId.toString())).findFirst().orElseThrow();
        assertThat(first.path("limitReached").asBoolean()).isTrue();
        assertThat(first.path("autoReply").asBoolean()).isTrue();
        assertThat(first.path("changes").toString()).contains("\"field\":\"priority\"", "\"to\":\"high\"");
    }

    @Test
    void aCustomerMessageOfAVipCustomerTriggersARuleAndNotesAndOtherMessagesDoNot() {
        String cancel = eventRule("""
                {"name":"VIP cancels %s","triggers":["message_added"],
                 "conditions":{"tags":["%s"],"tiers":["vip"],"churnRisks":["high"],"textContains":["cancel"]},
                 "actions":{"addTags":["cancel"]},"maxFirings":2}""".formatted(tag, tag));
        UUID ticketId = UUID.randomUUID();
        ticketService(ticketId, "open");
        deliver(ticketId, event("ticket.created", ticketId, Map.of("status", "open", "priority", "normal",
                "channel", "chat", "tags", List.of(tag), "createdAt", now().toString())));
        ObjectNode enriched = (ObjectNode) JSON.readTree(EventContracts.golden("enrichment.ticket_enriched", 1));
        enriched.put("id", UUID.randomUUID().toString());
        ((ObjectNode) enriched.path("data")).put("ticketId", ticketId.toString()).put("customerTier", "vip")
                .put("churnRiskLevel", "high").put("enrichedAt", now().toString());
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), Topics.ENRICHMENT, ticketId.toString(),
                enriched.toString(), Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForList(
                "SELECT tier FROM ticket_enrichment WHERE ticket_id = ?", String.class, ticketId).equals(List.of("vip")));

        // an agent's reply and an internal note with the word: not "a message arrives"
        deliver(ticketId, event("message.added", ticketId, Map.of("authorType", "agent", "bodyText", "cancel it?")));
        deliver(ticketId, event("message.added", ticketId, Map.of("authorType", "customer", "direction", "inbound",
                "internal", false, "bodyText", "Please CANCEL my order")));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                TICKETS.verify(1, patchRequestedFor(urlEqualTo("/api/tickets/" + ticketId))
                        .withRequestBody(equalToJson("{\"tags\":[\"%s\",\"cancel\"]}".formatted(tag)))));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() ->
                TICKETS.verify(1, patchRequestedFor(urlEqualTo("/api/tickets/" + ticketId))));
        assertThat(jdbc.queryForObject("SELECT firings FROM event_rule_firing WHERE ticket_id = ? AND rule_id = ?",
                Integer.class, ticketId, UUID.fromString(cancel))).isEqualTo(1);
    }

    @Test
    void aTimeRulesDryRunShowsWhenItIsDue() {
        String ruleId = rule(1);
        UUID ticketId = UUID.randomUUID();
        Instant createdAt = now().plusSeconds(3600); // not due for an hour
        deliver(ticketId, event("ticket.created", ticketId, Map.of("status", "new", "priority", "normal",
                "tags", List.of(tag), "createdAt", createdAt.toString())));
        await().atMost(Duration.ofSeconds(10)).until(() -> dueOf(ticketId).size() == 1);
        Api.Reply preview = api.as(DemoUser.ADMIN).post("/api/automations/" + ruleId + "/preview", "");
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().path("kind").asString()).isEqualTo("time_rule");
        JsonNode match = preview.json().path("tickets").get(0);
        assertThat(match.path("ticketId").asString()).isEqualTo(ticketId.toString());
        assertThat(Instant.parse(match.path("dueAt").asString())).isEqualTo(createdAt.plusSeconds(60));
        assertThat(match.path("limitReached").asBoolean()).isFalse();
        TICKETS.verify(0, patchRequestedFor(urlEqualTo("/api/tickets/" + ticketId)));
    }
}
