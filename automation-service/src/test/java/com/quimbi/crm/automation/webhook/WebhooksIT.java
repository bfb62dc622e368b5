package com.quimbi.crm.automation.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
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
 * Outbound webhooks with real Postgres, Kafka (source events through the inbox) and Keycloak tokens; the receiver
 * is a WireMock server (a customer's system) that checks our signature with the docs' snippet. Short backoff and
 * streak here so retries, failure and disabling happen within seconds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "crm.automation.webhooks.poll-interval=100ms", "crm.automation.webhooks.backoff-base=200ms",
        "crm.automation.webhooks.max-attempts=3", "crm.automation.webhooks.disable-after=4",
        "crm.automation.scheduler.enabled=false" })
@DirtiesContext
class WebhooksIT {

    static final WireMockServer RECEIVER = new WireMockServer(wireMockConfig().dynamicPort());
    static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        RECEIVER.start();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
    }

    @AfterAll
    static void stop() {
        RECEIVER.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    Api api;
    String path;

    @BeforeEach
    void setUp() {
        api = Api.at("http://localhost:" + port);
        path = "/hooks/" + UUID.randomUUID();
        // each test's events go to its own endpoint only
        jdbc.update("DELETE FROM webhook_endpoint");
    }

    JsonNode endpoint(String... events) {
        Api.Reply created = api.as(DemoUser.ADMIN).post("/api/automations/webhooks", """
                {"name":"Receiver %s","url":"%s","events":%s}""".formatted(path, RECEIVER.baseUrl() + path,
                JSON.writeValueAsString(List.of(events))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    static UUID ticketCreated(UUID eventId) {
        UUID ticketId = UUID.randomUUID();
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.golden("ticket.created", 1));
        event.put("id", eventId.toString());
        event.put("aggregateId", ticketId.toString());
        ((ObjectNode) event.path("data")).put("ticketId", ticketId.toString());
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), Topics.TICKET, ticketId.toString(),
                event.toString(), Map.of());
        return ticketId;
    }

    List<LoggedRequest> received() {
        return RECEIVER.findAll(postRequestedFor(urlEqualTo(path)));
    }

    static boolean signedWith(LoggedRequest request, String secret) throws Exception {
        return WebhookReceiver.verify(request.getHeader("X-Crm-Signature"), request.getBodyAsString(), secret, 300);
    }

    JsonNode deliveries(String endpointId) {
        return api.as(DemoUser.ADMIN).get("/api/automations/webhooks/" + endpointId + "/deliveries").json();
    }

    @Test
    void onlyAdminsManageEndpointsAndBadInputIsAProblem() {
        assertThat(api.as(DemoUser.SUPERVISOR).get("/api/automations/webhooks").status()).isEqualTo(403);
        // a valid body: the role decides (an invalid one is a 400 first, as for every validated request body)
        assertThat(api.as(DemoUser.AGENT).post("/api/automations/webhooks", """
                {"name":"Agent's","url":"https://example.com/hook","events":["ticket.created"]}""").status())
                .isEqualTo(403);
        assertThat(api.get("/api/automations/webhooks").status()).isEqualTo(401);

        Api.Reply bad = api.as(DemoUser.ADMIN).post("/api/automations/webhooks", """
                {"name":"Bad","url":"ftp://example.com/x","events":["ticket.created","ticket.exploded",null]}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().path("errors").toString()).contains("url").contains("ticket.exploded");
        assertThat(api.as(DemoUser.ADMIN).post("/api/automations/webhooks", "{\"name\":\"\"}").status()).isEqualTo(400);
        assertThat(api.as(DemoUser.ADMIN).get("/api/automations/webhooks/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.as(DemoUser.ADMIN).get("/api/automations/webhooks/not-a-uuid").status()).isEqualTo(400);
    }

    @Test
    void aSignedEventIsRetriedAfter500sDeliveredOnceAndRedeliveredOnRequestWithBothSecretsAfterARotation()
            throws Exception {
        RECEIVER.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("second"));
        RECEIVER.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        RECEIVER.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(204)));
        JsonNode endpoint = endpoint("ticket.created", "ticket.solved");
        String id = endpoint.path("id").asString();
        String secret = endpoint.path("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(api.as(DemoUser.ADMIN).get("/api/automations/webhooks/" + id).body()).doesNotContain(secret);
        String sealed = jdbc.queryForObject("SELECT secret_sealed FROM webhook_endpoint WHERE id = ?::uuid", String.class, id);
        assertThat(sealed).startsWith("v1:").doesNotContain(secret.substring(6));

        UUID eventId = UUID.randomUUID();
        UUID ticketId = ticketCreated(eventId);
        ticketCreated(eventId); // the same event again: queued once

        await().atMost(Duration.ofSeconds(20)).until(() -> received().size() == 3);
        List<LoggedRequest> attempts = received();
        for (LoggedRequest attempt : attempts) {
            assertThat(signedWith(attempt, secret)).isTrue();
            assertThat(attempt.getHeader("X-Crm-Event")).isEqualTo("ticket.created");
        }
        JsonNode body = JSON.readTree(attempts.get(2).getBodyAsString());
        assertThat(body.path("id").asString()).isEqualTo(eventId.toString());
        assertThat(body.path("type").asString()).isEqualTo("ticket.created");
        assertThat(body.path("data").path("ticketId").asString()).isEqualTo(ticketId.toString());
        await().atMost(Duration.ofSeconds(5)).until(() -> "delivered".equals(deliveries(id).path(0).path("status").asString()));
        JsonNode log = deliveries(id);
        assertThat(log).hasSize(1);
        assertThat(log.path(0).path("attempts").asInt()).isEqualTo(3);
        assertThat(log.path(0).path("responseStatus").asInt()).isEqualTo(204);
        assertThat(api.as(DemoUser.ADMIN).get("/api/automations/webhooks/" + id).json().path("failureStreak").asInt())
                .isZero();

        String newSecret = api.as(DemoUser.ADMIN).post("/api/automations/webhooks/" + id + "/rotate-secret", "")
                .json().path("secret").asString();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(secret);
        Api.Reply redeliver = api.as(DemoUser.ADMIN).post("/api/automations/webhooks/" + id + "/deliveries/"
                + log.path(0).path("id").asString() + "/redeliver", "");
        assertThat(redeliver.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> received().size() == 4);
        LoggedRequest again = latest();
        assertThat(signedWith(again, newSecret)).isTrue();
        assertThat(signedWith(again, secret)).isTrue();
        assertThat(JSON.readTree(again.getBodyAsString()).path("id").asString()).isEqualTo(eventId.toString());
        assertThat(api.as(DemoUser.ADMIN).post("/api/automations/webhooks/" + id + "/deliveries/"
                + UUID.randomUUID() + "/redeliver", "").status()).isEqualTo(404);
    }

    LoggedRequest latest() {
        return received().stream().max((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate())).orElseThrow();
    }

    @Test
    void anEndpointThatKeepsFailingIsRetriedThenDisabledAndCanBeEnabledAgain() {
        RECEIVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(500)));
        JsonNode endpoint = endpoint("ticket.created");
        String id = endpoint.path("id").asString();

        ticketCreated(UUID.randomUUID());
        await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(deliveries(id).path(0).path("status").asString()));
        assertThat(received()).hasSize(3); // max-attempts
        assertThat(deliveries(id).path(0).path("responseStatus").asInt()).isEqualTo(500);

        ticketCreated(UUID.randomUUID());
        await().atMost(Duration.ofSeconds(20)).until(() -> !api.as(DemoUser.ADMIN)
                .get("/api/automations/webhooks/" + id).json().path("enabled").asBoolean());
        JsonNode disabled = api.as(DemoUser.ADMIN).get("/api/automations/webhooks/" + id).json();
        assertThat(disabled.path("failureStreak").asInt()).isEqualTo(4);
        assertThat(disabled.path("disabledReason").asString()).contains("4 failed attempts");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> received().size() == 4);
        assertThat(deliveries(id).path(0).path("status").asString()).isEqualTo("pending");

        RECEIVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        Api.Reply enabled = api.as(DemoUser.ADMIN).send(api.as(DemoUser.ADMIN).request("/api/automations/webhooks/" + id)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("""
                        {"name":"Back","url":"%s","events":["ticket.created"],"enabled":true}""".formatted(
                        RECEIVER.baseUrl() + path))));
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        assertThat(enabled.json().path("failureStreak").asInt()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(deliveries(id).path(0).path("status").asString()));
    }
}
