package com.quimbi.crm.integration.gorgias;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.KafkaProbe;
import com.quimbi.crm.test.TestInfrastructure;

/**
 * Gorgias both ways against WireMock answering like its REST API (payloads shaped like developers.gorgias.com):
 * account validation and roles, webhooks refused without / with a wrong secret and deduplicated, the import
 * interrupted and resumed without duplicates through a 429 storm (Retry-after honoured), the push of an agent's
 * reply with sent_datetime + our external id, and no echo either way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class GorgiasIT {

    static final WireMockServer GORGIAS = new WireMockServer(wireMockConfig().dynamicPort());
    static final String DOMAIN = "acme";
    static final String SECRET = "a-long-webhook-secret-0123456789";

    static {
        GORGIAS.start();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.integration.gorgias.base-url", GORGIAS::baseUrl);
        registry.add("crm.integration.gorgias.retry-wait", () -> "10ms");
        registry.add("crm.integration.gorgias.retry-attempts", () -> "2");
        registry.add("crm.integration.gorgias.first-retry", () -> "100ms");
        registry.add("crm.integration.gorgias.poll-interval", () -> "100ms");
        registry.add("crm.integration.gorgias.page-size", () -> "2");
        registry.add("crm.integration.gorgias.push-new-tickets", () -> "true");
        registry.add("crm.integration.webhooks.processing-enabled", () -> "false");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    GorgiasClient gorgias;

    Api admin;
    Api anonymous;

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json")
                .withHeader("X-Gorgias-Account-Api-Call-Limit", "1/40").withBody(body);
    }

    static String customer(long id, String email) {
        return """
                {"id":%d,"email":"%s","name":"Sam Lee","firstname":"Sam","lastname":"Lee"}""".formatted(id, email);
    }

    static String message(long id, long ticketId, boolean fromAgent, String text, String externalId) {
        return """
                {"id":%d,"uri":"/api/tickets/%d/messages/%d/","ticket_id":%d,"external_id":%s,"public":true,
                 "channel":"email","via":"email","from_agent":%s,"sender":{"id":5,"email":"sam@example.com"},
                 "subject":"Where is my order?","body_text":"%s","body_html":"<p>%s</p>",
                 "created_datetime":"2026-11-20T08:0%d:00.000000","sent_datetime":"2026-11-20T08:0%d:00.000000"}"""
                .formatted(id, ticketId, id, ticketId, externalId == null ? "null" : "\"" + externalId + "\"",
                        fromAgent, text, text, id % 10, id % 10);
    }

    static String ticket(long id, String email, String status, String messagesJson) {
        return """
                {"id":%d,"uri":"/api/tickets/%d/","external_id":null,"status":"%s","channel":"email","via":"email",
                 "customer":%s,"subject":"Order %d","tags":[{"id":1,"name":"Shipping"}],"priority":"normal",
                 "created_datetime":"2026-11-20T08:00:00.000000","updated_datetime":"2026-11-20T09:00:00.000000",
                 "snooze_datetime":null,"messages":[%s]}"""
                .formatted(id, id, status, customer(id + 1000, email), id, messagesJson == null ? "" : messagesJson);
    }

    @BeforeEach
    void setUp() {
        admin = Api.at("http://localhost:" + port).as(DemoUser.ADMIN);
        anonymous = Api.at("http://localhost:" + port);
        GORGIAS.resetAll();
        GORGIAS.stubFor(get(urlEqualTo("/api/account")).willReturn(json("{\"domain\":\"acme\",\"status\":{\"status\":\"active\"}}")));
        Api.Reply connected = connect(admin, SECRET);
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
    }

    Api.Reply connect(Api api, String secret) {
        return api.send(api.request("/api/gorgias/accounts/" + DOMAIN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"email":"api@acme.test","apiKey":"gorgias-api-key","webhookSecret":"%s"}""".formatted(secret))));
    }

    Api.Reply webhook(String event, String body, String secret) {
        HttpRequest.Builder request = anonymous.request("/webhooks/gorgias/" + event).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("X-CRM-Gorgias-Secret", secret);
        }
        return anonymous.send(request);
    }

    long events(String type, String key) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE type = ? AND aggregateid = ?", Long.class, type, key);
    }

    List<String> payloads(String type, String key) {
        return jdbc.queryForList("SELECT payload::text FROM outbox WHERE type = ? AND aggregateid = ? ORDER BY occurredat",
                String.class, type, key);
    }

    @Test
    void accountsAreAdminOnlyValidatedFirstAndNeverShowTheirSecrets() {
        Api agent = Api.at("http://localhost:" + port).as(DemoUser.AGENT);
        assertThat(connect(agent, SECRET).status()).isEqualTo(403);
        assertThat(connect(anonymous, SECRET).status()).isEqualTo(401);
        assertThat(agent.get("/api/gorgias/accounts").status()).isEqualTo(403);
        assertThat(anonymous.post("/api/gorgias/sync/tickets", "{}").status()).isEqualTo(401);
        assertThat(agent.post("/api/gorgias/sync/tickets", "{}").status()).isEqualTo(403);
        // Basic auth with e-mail + API key was sent to Gorgias
        LoggedRequest check = GORGIAS.findAll(getRequestedFor(urlEqualTo("/api/account"))).getFirst();
        assertThat(check.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("api@acme.test:gorgias-api-key".getBytes(StandardCharsets.UTF_8)));
        Api.Reply listed = admin.get("/api/gorgias/accounts");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains("acme").doesNotContain("gorgias-api-key").doesNotContain(SECRET);
        assertThat(jdbc.queryForObject("SELECT api_key FROM gorgias_account WHERE domain = 'acme'", String.class))
                .startsWith("v1:").doesNotContain("gorgias-api-key");
        // refused credentials: a 400 problem on apiKey, nothing stored; a short secret: 400
        GORGIAS.stubFor(get(urlEqualTo("/api/account")).willReturn(aResponse().withStatus(401)));
        Api.Reply refused = connect(admin, SECRET + "-x");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).contains("application/problem+json");
        assertThat(connect(admin, "short").status()).isEqualTo(400);
        assertThat(admin.send(admin.request("/api/gorgias/accounts/Not_A_Domain").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"email\":\"a@b.co\",\"apiKey\":\"k\",\"webhookSecret\":\"" + SECRET
                        + "\"}"))).status()).isEqualTo(400);
        // one account at a time: another is a conflict until this one is disconnected (credentials gone, audited)
        GORGIAS.stubFor(get(urlEqualTo("/api/account")).willReturn(json("{\"domain\":\"other\"}")));
        Api.Reply second = admin.send(admin.request("/api/gorgias/accounts/other").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"email":"api@other.test","apiKey":"other-key","webhookSecret":"%s"}""".formatted(SECRET))));
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(agent.send(agent.request("/api/gorgias/accounts/" + DOMAIN).DELETE()).status()).isEqualTo(403);
        assertThat(admin.send(admin.request("/api/gorgias/accounts/" + DOMAIN).DELETE()).status()).isEqualTo(204);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM gorgias_account WHERE domain = ?", Long.class, DOMAIN)).isZero();
        Api.Reply gone = admin.send(admin.request("/api/gorgias/accounts/" + DOMAIN).DELETE());
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.contentType()).contains("application/problem+json");
    }

    @Test
    void webhooksWithoutOrWithAWrongSecretAreRefusedAndADeliveryIsImportedOnceWithoutEchoingOurMessage() {
        long id = 48213;
        String body = "{\"ticket\":" + ticket(id, "sam@example.com", "open", String.join(",",
                message(1, id, false, "Any news?", null),
                message(2, id, true, "Our reply, pushed by the CRM", "crm-msg:" + UUID.randomUUID()))) + "}";
        long before = jdbc.queryForObject("SELECT count(*) FROM gorgias_webhook_receipt", Long.class);
        assertThat(webhook("ticket-created", body, null).status()).isEqualTo(401);
        assertThat(webhook("ticket-created", body, SECRET + "x").status()).isEqualTo(401);
        assertThat(webhook("ticket-exploded", body, SECRET).status()).isEqualTo(400);
        assertThat(webhook("ticket-created", "not json", SECRET).status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM gorgias_webhook_receipt", Long.class)).isEqualTo(before);

        assertThat(webhook("ticket-created", body, SECRET).status()).isEqualTo(200);
        assertThat(webhook("ticket-created", body, SECRET).status()).isEqualTo(200); // Gorgias retrying
        assertThat(jdbc.queryForObject("SELECT count(*) FROM gorgias_webhook_receipt", Long.class)).isEqualTo(before + 1);
        String key = "gorgias:" + id;
        await().atMost(Duration.ofSeconds(20)).until(() -> events("integration.message_imported", key) == 1);
        assertThat(events("integration.ticket_imported", key)).isEqualTo(1);
        String ticketEvent = payloads("integration.ticket_imported", key).getFirst();
        EventContracts.assertValid(ticketEvent);
        assertThat(ticketEvent).contains("\"customerEmail\": \"sam@example.com\"").contains("\"externalTicketId\": \"48213\"")
                .contains("\"status\": \"open\"").contains("\"channel\": \"email\"").contains("shipping");
        String messageEvent = payloads("integration.message_imported", key).getFirst();
        EventContracts.assertValid(messageEvent);
        assertThat(messageEvent).contains("Any news?").doesNotContain("pushed by the CRM");

        // a later ticket-message-created with only the id: fetched from the API; the new message only
        GORGIAS.stubFor(get(urlEqualTo("/api/tickets/" + id)).willReturn(json(ticket(id, "sam@example.com", "open", null))));
        GORGIAS.stubFor(get(urlPathEqualTo("/api/tickets/" + id + "/messages")).willReturn(json("{\"data\":["
                + String.join(",", message(1, id, false, "Any news?", null), message(3, id, false, "Hello again", null))
                + "],\"meta\":{\"prev_cursor\":null,\"next_cursor\":null}}")));
        assertThat(webhook("ticket-message-created", "{\"ticket\":{\"id\":" + id + "}}", SECRET).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> events("integration.message_imported", key) == 2);
        assertThat(payloads("integration.message_imported", key).get(1)).contains("Hello again");
    }

    @Test
    void theImportIsInterruptedAndResumedThroughA429StormWithoutDuplicates() {
        String page1 = "{\"data\":[" + ticket(101, "a@example.com", "open", null) + ","
                + ticket(102, "b@example.com", "closed", null) + "],\"meta\":{\"prev_cursor\":null,\"next_cursor\":\"c2\"}}";
        String page2 = "{\"data\":[" + ticket(103, "c@example.com", "open", null)
                + "],\"meta\":{\"prev_cursor\":\"c1\",\"next_cursor\":null}}";
        GORGIAS.stubFor(get(urlPathEqualTo("/api/tickets")).withQueryParam("limit", equalTo("2"))
                .withQueryParam("cursor", com.github.tomakehurst.wiremock.client.WireMock.absent()).willReturn(json(page1)));
        // page 2: a storm of three 429s (Retry-after: 1) first, then the page
        for (String[] step : List.of(new String[] { Scenario.STARTED, "2" }, new String[] { "2", "3" },
                new String[] { "3", "ok" })) {
            GORGIAS.stubFor(get(urlPathEqualTo("/api/tickets")).withQueryParam("cursor", equalTo("c2"))
                    .inScenario("storm").whenScenarioStateIs(step[0]).willSetStateTo(step[1])
                    .willReturn(aResponse().withStatus(429).withHeader("Retry-after", "1")
                            .withHeader("X-Gorgias-Account-Api-Call-Limit", "40/40")));
        }
        GORGIAS.stubFor(get(urlPathEqualTo("/api/tickets")).withQueryParam("cursor", equalTo("c2"))
                .inScenario("storm").whenScenarioStateIs("ok").willReturn(json(page2)));
        for (long id : List.of(101L, 103L)) {
            GORGIAS.stubFor(get(urlPathEqualTo("/api/tickets/" + id + "/messages")).willReturn(json("{\"data\":["
                    + message(id * 10 + 1, id, false, "Hello " + id, null) + "," + message(id * 10 + 2, id, true, "Answer " + id, null)
                    + "],\"meta\":{\"next_cursor\":null}}")));
        }
        // ticket 102's messages fail (Gorgias down) three times: page 1 is rolled back and done again
        for (String[] step : List.of(new String[] { Scenario.STARTED, "a" }, new String[] { "a", "b" },
                new String[] { "b", "c" }, new String[] { "c", "d" }, new String[] { "d", "e" }, new String[] { "e", "ok" })) {
            GORGIAS.stubFor(get(urlPathEqualTo("/api/tickets/102/messages")).inScenario("down")
                    .whenScenarioStateIs(step[0]).willSetStateTo(step[1]).willReturn(aResponse().withStatus(503)));
        }
        GORGIAS.stubFor(get(urlPathEqualTo("/api/tickets/102/messages")).inScenario("down").whenScenarioStateIs("ok")
                .willReturn(json("{\"data\":[" + message(1021, 102, false, "Thanks, solved", null) + "],\"meta\":{\"next_cursor\":null}}")));

        Api.Reply started = admin.post("/api/gorgias/sync/tickets", "{}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String location = started.header("Location");
        assertThat(location).startsWith("/api/gorgias/sync/");
        await().atMost(Duration.ofSeconds(60)).until(() -> "done".equals(admin.get(location).json().path("state").asString()));
        var job = admin.get(location).json();
        assertThat(job.path("pages").asInt()).isEqualTo(2);
        assertThat(job.path("ticketsImported").asInt()).isEqualTo(3);
        assertThat(job.path("messagesImported").asInt()).isEqualTo(5);
        assertThat(job.path("throttled").asInt()).isGreaterThanOrEqualTo(3);
        for (long id : List.of(101L, 102L, 103L)) {
            assertThat(events("integration.ticket_imported", "gorgias:" + id)).as("ticket %d", id).isEqualTo(1);
        }
        assertThat(events("integration.message_imported", "gorgias:102")).isEqualTo(1);
        assertThat(payloads("integration.ticket_imported", "gorgias:102").getFirst()).contains("\"status\": \"solved\"");
        // its imported customer message would reopen it in ticket-service: Gorgias's status follows the messages
        assertThat(events("integration.ticket_status_synced", "gorgias:102")).isEqualTo(1);
        assertThat(payloads("integration.ticket_status_synced", "gorgias:102").getFirst()).contains("\"status\": \"solved\"");
        assertThat(events("integration.ticket_status_synced", "gorgias:101")).isZero();
        // Retry-after honoured: no two calls of the storm less than a second apart
        List<LoggedRequest> storm = GORGIAS.findAll(getRequestedFor(urlPathEqualTo("/api/tickets"))
                .withQueryParam("cursor", equalTo("c2")));
        assertThat(storm).hasSize(4);
        for (int i = 1; i < storm.size(); i++) {
            assertThat(storm.get(i).getLoggedDate().getTime() - storm.get(i - 1).getLoggedDate().getTime())
                    .as("gap before call %d", i).isGreaterThanOrEqualTo(950);
        }

        // the whole import again: nobody imported twice
        Api.Reply again = admin.post("/api/gorgias/sync/tickets", "{\"account\":\"acme\"}");
        await().atMost(Duration.ofSeconds(60)).until(() -> "done".equals(admin.get(again.header("Location")).json()
                .path("state").asString()));
        assertThat(admin.get(again.header("Location")).json().path("ticketsImported").asInt()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE type = 'integration.ticket_imported' AND aggregateid IN ('gorgias:101','gorgias:102','gorgias:103')", Long.class)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE type = 'integration.message_imported' AND aggregateid IN ('gorgias:101','gorgias:102','gorgias:103')", Long.class)).isEqualTo(5);
        assertThat(admin.get("/api/gorgias/sync/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void anAgentsReplyIsPushedWithSentDatetimeAndNothingComesBackEitherWay() {
        long gorgiasId = 777;
        UUID ticketId = UUID.randomUUID();
        // the ticket came from Gorgias: imported, then ticket-service announces it with its external id
        String body = "{\"ticket\":" + ticket(gorgiasId, "sam@example.com", "open", message(7771, gorgiasId, false, "Hi", null)) + "}";
        assertThat(webhook("ticket-created", body, SECRET).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> events("integration.ticket_imported", "gorgias:" + gorgiasId) == 1);
        announce("ticket.created", ticketId, "integration", "gorgias", """
                {"ticketId":"%s","number":"#77","subject":"Order 777","status":"open","priority":"normal","channel":"email",
                 "customerEmail":"sam@example.com","createdAt":"2026-11-20T08:00:00Z","externalSource":"gorgias","externalId":"777"}"""
                .formatted(ticketId));
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/tickets/" + ticketId + "/gorgias-link").status() == 200);
        Api agent = Api.at("http://localhost:" + port).as(DemoUser.AGENT);
        Api.Reply link = agent.get("/api/tickets/" + ticketId + "/gorgias-link");
        assertThat(link.status()).isEqualTo(200);
        assertThat(link.json().path("url").asString()).isEqualTo(GORGIAS.baseUrl() + "/app/ticket/777");
        assertThat(anonymous.get("/api/tickets/" + ticketId + "/gorgias-link").status()).isEqualTo(401);
        Api.Reply none = agent.get("/api/tickets/" + UUID.randomUUID() + "/gorgias-link");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.contentType()).contains("application/problem+json");

        GORGIAS.stubFor(post(urlEqualTo("/api/tickets/777/messages")).willReturn(json("{\"id\":7779,\"ticket_id\":777}")));
        GORGIAS.stubFor(put(urlEqualTo("/api/tickets/777")).willReturn(json("{\"id\":777,\"status\":\"closed\"}")));
        // the imported message comes back as message.added with the import's actor: never pushed (no echo)
        UUID importedMessage = UUID.randomUUID();
        announce("message.added", ticketId, "integration", "gorgias", messageAdded(importedMessage, ticketId, "customer", "Hi"));
        // an imported agent message of an e-mail ticket: history, never mailed to the customer from here either
        UUID importedReply = UUID.randomUUID();
        UUID importedReplyEvent = announce("message.added", ticketId, "integration", "gorgias",
                messageAdded(importedReply, ticketId, "agent", "Answered in Gorgias"));
        // an internal note: never leaves the CRM
        UUID note = UUID.randomUUID();
        announce("message.added", ticketId, "agent", "alex", messageAdded(note, ticketId, "agent", "note").replace(
                "\"internal\":false", "\"internal\":true"));
        // the agent's public reply: pushed once, with sent_datetime and our external id
        UUID reply = UUID.randomUUID();
        String replyEvent = messageAdded(reply, ticketId, "agent", "On its way!");
        UUID replyEventId = announce("message.added", ticketId, "agent", "alex", replyEvent);
        redeliver(replyEventId, "message.added", ticketId, "agent", "alex", replyEvent);
        announce("ticket.status_changed", ticketId, "agent", "alex", """
                {"ticketId":"%s","number":"#77","from":"open","to":"solved","reason":"agent","changedAt":"2026-11-20T10:00:00Z"}"""
                .formatted(ticketId));
        await().atMost(Duration.ofSeconds(30)).until(() -> !GORGIAS.findAll(putRequestedFor(urlEqualTo("/api/tickets/777"))).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM gorgias_push WHERE crm_ticket_id = ? AND status = 'pending'", Long.class, ticketId) == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_message WHERE consumer_group = 'integration-service-mail' AND message_id = ?",
                Long.class, importedReplyEvent) == 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbound_mail WHERE message_id = ?", Long.class, importedReply))
                .isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> !GORGIAS.findAll(postRequestedFor(urlEqualTo("/api/tickets/777/messages"))).isEmpty());
        List<LoggedRequest> pushed = GORGIAS.findAll(postRequestedFor(urlEqualTo("/api/tickets/777/messages")));
        assertThat(pushed).hasSize(1);
        String sent = pushed.getFirst().getBodyAsString();
        assertThat(sent).contains("\"external_id\":\"crm-msg:" + reply + "\"").contains("\"sent_datetime\":\"2026-11-20T09:00:00Z\"")
                .contains("On its way!").contains("\"from_agent\":true");
        GORGIAS.verify(putRequestedFor(urlEqualTo("/api/tickets/777")).withRequestBody(matchingJsonPath("$.status", equalTo("closed"))));

        // Gorgias tells us about the message we pushed: recognised by its external id, not imported back
        GORGIAS.stubFor(get(urlEqualTo("/api/tickets/777")).willReturn(json(ticket(gorgiasId, "sam@example.com", "closed", null))));
        GORGIAS.stubFor(get(urlPathEqualTo("/api/tickets/777/messages")).willReturn(json("{\"data\":["
                + message(7771, gorgiasId, false, "Hi", null) + "," + message(7779, gorgiasId, true, "On its way!", "crm-msg:" + reply)
                + "],\"meta\":{\"next_cursor\":null}}")));
        assertThat(webhook("ticket-message-created", "{\"ticket\":{\"id\":777}}", SECRET).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM gorgias_webhook_receipt WHERE status = 'done' AND event = 'ticket-message-created' AND body = ?",
                Long.class, "{\"ticket\":{\"id\":777}}".getBytes(StandardCharsets.UTF_8)) == 1);
        assertThat(events("integration.message_imported", "gorgias:" + gorgiasId)).isEqualTo(1);
        assertThat(payloads("integration.message_imported", "gorgias:" + gorgiasId).toString()).doesNotContain("On its way!");
        // the status we pushed (closed) comes back with the webhook: no change, nothing synced back
        assertThat(events("integration.ticket_status_synced", "gorgias:" + gorgiasId)).isZero();
        // Gorgias reopens it: that is a change, synced to our ticket
        String reopened = "{\"ticket\":" + ticket(gorgiasId, "sam@example.com", "open", message(7771, gorgiasId, false, "Hi", null)) + "}";
        assertThat(webhook("ticket-updated", reopened, SECRET).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> events("integration.ticket_status_synced", "gorgias:" + gorgiasId) == 1);
        String synced = payloads("integration.ticket_status_synced", "gorgias:" + gorgiasId).getFirst();
        EventContracts.assertValid(synced);
        assertThat(synced).contains("\"status\": \"open\"").contains("\"ticketId\": \"" + ticketId + "\"");
        assertThat(admin.get("/api/gorgias/pushes?status=failed").json().size()).isZero();
        assertThat(agent.get("/api/gorgias/pushes").status()).isEqualTo(403);
    }

    @Test
    void ourNewTicketIsCreatedInGorgiasAndOnlyWhatGorgiasAddsComesBackOnIt() {
        UUID ticketId = UUID.randomUUID();
        GORGIAS.stubFor(post(urlEqualTo("/api/tickets")).willReturn(json("""
                {"id":888,"external_id":"crm-ticket:%s","status":"open","messages":[{"id":8881,"external_id":"crm-msg:ticket-%s"}]}"""
                .formatted(ticketId, ticketId))));
        announce("ticket.created", ticketId, "agent", "alex", """
                {"ticketId":"%s","number":"#88","subject":"Broken zipper","description":"The zipper broke.","status":"new",
                 "priority":"normal","channel":"web","customerEmail":"kim@example.com","createdAt":"2026-11-21T08:00:00Z"}"""
                .formatted(ticketId));
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/tickets/" + ticketId + "/gorgias-link").status() == 200);
        // WireMock journals a request on its own thread, possibly after answering it
        await().atMost(Duration.ofSeconds(10)).until(() -> !GORGIAS.findAll(postRequestedFor(urlEqualTo("/api/tickets"))).isEmpty());
        String created = GORGIAS.findAll(postRequestedFor(urlEqualTo("/api/tickets"))).getFirst().getBodyAsString();
        assertThat(created).contains("\"external_id\":\"crm-ticket:" + ticketId + "\"").contains("kim@example.com")
                .contains("\"sent_datetime\":\"2026-11-21T08:00:00Z\"").contains("The zipper broke.");
        assertThat(admin.get("/api/tickets/" + ticketId + "/gorgias-link").json().path("url").asString())
                .endsWith("/app/ticket/888");

        // Gorgias tells us about it: our description stays ours; a Gorgias agent's reply and the close come back
        String body = "{\"ticket\":" + ticket(888, "kim@example.com", "closed", String.join(",",
                message(8881, 888, false, "The zipper broke.", "crm-msg:ticket-" + ticketId),
                message(8882, 888, true, "Replaced for free", null))).replace("\"external_id\":null,\"status\"",
                        "\"external_id\":\"crm-ticket:" + ticketId + "\",\"status\"") + "}";
        assertThat(webhook("ticket-updated", body, SECRET).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> events("integration.ticket_status_synced", "gorgias:888") == 1);
        assertThat(events("integration.ticket_imported", "gorgias:888")).isZero();
        List<String> messages = payloads("integration.message_imported", "gorgias:888");
        assertThat(messages).hasSize(1);
        EventContracts.assertValid(messages.getFirst());
        assertThat(messages.getFirst()).contains("Replaced for free").contains("\"ticketId\": \"" + ticketId + "\"")
                .contains("\"authorType\": \"agent\"");
        assertThat(payloads("integration.ticket_status_synced", "gorgias:888").getFirst())
                .contains("\"status\": \"solved\"").contains("\"ticketId\": \"" + ticketId + "\"");
    }

    @Test
    void pushesAndDeliveriesGorgiasCannotTakeNowAreRetriedOrWaitForTheLimit() {
        UUID ticketId = UUID.randomUUID();
        // creating our ticket in Gorgias: throttled first (waits for Retry-after), then a 500 (retried), then created
        GORGIAS.stubFor(post(urlEqualTo("/api/tickets")).inScenario("push").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("throttled").willReturn(aResponse().withStatus(429).withHeader("Retry-after", "1")));
        GORGIAS.stubFor(post(urlEqualTo("/api/tickets")).inScenario("push").whenScenarioStateIs("throttled")
                .willSetStateTo("broken").willReturn(aResponse().withStatus(500)));
        GORGIAS.stubFor(post(urlEqualTo("/api/tickets")).inScenario("push").whenScenarioStateIs("broken")
                .willReturn(json("{\"id\":999,\"status\":\"open\",\"messages\":[]}")));
        announce("ticket.created", ticketId, "agent", "alex", """
                {"ticketId":"%s","number":"#99","subject":"Wrong size","status":"new","priority":"normal","channel":"web",
                 "customerEmail":"lee@example.com","createdAt":"2026-11-22T08:00:00Z"}""".formatted(ticketId));
        // the first link the ticket has is to the ticket Gorgias created (never one to a ticket 0 while it waits)
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/tickets/" + ticketId + "/gorgias-link").status() == 200);
        assertThat(admin.get("/api/tickets/" + ticketId + "/gorgias-link").json().path("url").asString()).endsWith("/app/ticket/999");
        await().atMost(Duration.ofSeconds(10)).until(() -> GORGIAS.findAll(postRequestedFor(urlEqualTo("/api/tickets"))).size() == 3);
        Map<String, Object> push = jdbc.queryForMap("SELECT status, attempts, last_error FROM gorgias_push WHERE crm_ticket_id = ? "
                + "AND kind = 'ticket'", ticketId);
        assertThat(push.get("status")).isEqualTo("done");
        assertThat(push.get("attempts")).isEqualTo(2); // the 500 and the success: the throttled try was no attempt
        assertThat(push.get("last_error")).isNull();

        // the customer writes on it, but Gorgias shows the ticket without its customer: the push fails with the reason
        GORGIAS.stubFor(get(urlEqualTo("/api/tickets/999")).willReturn(json("{\"id\":999,\"customer\":null}")));
        UUID message = UUID.randomUUID();
        announce("message.added", ticketId, "customer", "lee@example.com", messageAdded(message, ticketId, "customer", "Any news?"));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                "SELECT last_error FROM gorgias_push WHERE crm_message_id = ? AND attempts > 0", String.class, message).stream()
                .anyMatch(e -> e.contains("Gorgias ticket 999 has no customer")));
        assertThat(GORGIAS.findAll(postRequestedFor(urlEqualTo("/api/tickets/999/messages")))).isEmpty();
        // once Gorgias shows the customer, the retried push goes through (nothing is left failed)
        GORGIAS.stubFor(get(urlEqualTo("/api/tickets/999")).willReturn(json("{\"id\":999,\"customer\":" + customer(5599,
                "lee@example.com") + "}")));
        GORGIAS.stubFor(post(urlEqualTo("/api/tickets/999/messages")).willReturn(json("{\"id\":9991,\"ticket_id\":999}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(jdbc.queryForObject(
                "SELECT status FROM gorgias_push WHERE crm_message_id = ?", String.class, message)));
        assertThat(GORGIAS.findAll(postRequestedFor(urlEqualTo("/api/tickets/999/messages"))).getFirst().getBodyAsString())
                .contains("\"sender\":{\"id\":5599}").contains("Any news?");

        // a delivery naming no ticket: failed with the reason, retried later (dead-lettered after max-attempts)
        String nameless = "{\"ticket\":{\"subject\":\"" + ticketId + "\"}}";
        assertThat(webhook("ticket-updated", nameless, SECRET).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(
                "SELECT last_error FROM gorgias_webhook_receipt WHERE body = ? AND attempts > 0", String.class,
                nameless.getBytes(StandardCharsets.UTF_8)).stream().anyMatch(e -> e.contains("names no ticket id")));
        // a delivery whose ticket Gorgias will not show now (429): it waits for the limit, then is imported
        GORGIAS.stubFor(get(urlEqualTo("/api/tickets/5551")).inScenario("read").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("open").willReturn(aResponse().withStatus(429).withHeader("Retry-after", "1")));
        GORGIAS.stubFor(get(urlEqualTo("/api/tickets/5551")).inScenario("read").whenScenarioStateIs("open")
                .willReturn(json(ticket(5551, "lee@example.com", "open", null))));
        GORGIAS.stubFor(get(urlPathEqualTo("/api/tickets/5551/messages")).willReturn(json("{\"data\":["
                + message(55511, 5551, false, "Hello from Gorgias", null) + "],\"meta\":{\"next_cursor\":null}}")));
        assertThat(webhook("ticket-message-created", "{\"ticket\":{\"id\":5551}}", SECRET).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> events("integration.ticket_imported", "gorgias:5551") == 1);
        assertThat(events("integration.message_imported", "gorgias:5551")).isEqualTo(1);
        // the throttled tries were no failures: done at the first attempt that got through
        assertThat(jdbc.queryForObject("SELECT status || ' ' || attempts FROM gorgias_webhook_receipt WHERE body = ?",
                String.class, "{\"ticket\":{\"id\":5551}}".getBytes(StandardCharsets.UTF_8))).isEqualTo("done 1");
        // the next test connects the account through the same client: its limit must be free again
        await().atMost(Duration.ofSeconds(5)).until(() -> gorgias.waitFor(DOMAIN, 1).isZero());
    }

    static String messageAdded(UUID messageId, UUID ticketId, String authorType, String text) {
        return """
                {"messageId":"%s","ticketId":"%s","ticketNumber":"#77","authorType":"%s","direction":"%s","channel":"email",
                 "internal":false,"attachmentCount":0,"bodyText":"%s","bodyTruncated":false,"createdAt":"2026-11-20T09:00:00Z"}"""
                .formatted(messageId, ticketId, authorType, "agent".equals(authorType) ? "outbound" : "inbound", text);
    }

    UUID announce(String type, UUID ticketId, String actorType, String actorId, String data) {
        UUID eventId = UUID.randomUUID();
        redeliver(eventId, type, ticketId, actorType, actorId, data);
        return eventId;
    }

    void redeliver(UUID eventId, String type, UUID ticketId, String actorType, String actorId, String data) {
        String event = """
                {"id":"%s","type":"%s","aggregateType":"ticket","aggregateId":"%s","occurredAt":"2026-11-20T09:00:00Z",
                 "schemaVersion":1,"actor":{"type":"%s","id":"%s"},"data":%s}"""
                .formatted(eventId, type, ticketId, actorType, actorId, data);
        EventContracts.assertValid(event);
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), Topics.TICKET, ticketId.toString(), event, Map.of());
    }
}
