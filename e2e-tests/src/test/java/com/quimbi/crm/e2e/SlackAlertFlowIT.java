package com.quimbi.crm.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.KafkaProbe;

import tools.jackson.databind.JsonNode;

/**
 * Alerts through the whole stack: an admin connects Slack (WireMock stands in for its Web API) and sets an SLA policy
 * with a 3-second first-response target; sla-service breaches the ticket's clock, the event travels outbox → Debezium
 * → Kafka → notification-service, whose seeded rule posts the Block Kit alert to #support-alerts within 5 s of the
 * deadline.
 */
class SlackAlertFlowIT {

    static Api.Reply notLimited(Supplier<Api.Reply> request) {
        return AuthorizationMatrixIT.notLimited(request);
    }

    @Test
    void aBreachOfAThreeSecondTargetReachesSlackWithinFiveSecondsOfTheDeadline() {
        WireMockServer slack = E2eStack.slack();
        slack.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(okJson("""
                {"ok":true,"channel":"C0E2EALERTS","ts":"1765000000.000900"}""")));
        Api admin = E2eStack.gateway().as(E2eStack.login(DemoUser.ADMIN));
        Api agent = E2eStack.gateway().as(E2eStack.login(DemoUser.AGENT));
        Api.Reply connected = notLimited(() -> admin.send(admin.request("/api/slack/workspace")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("""
                        {"botToken":"xoxb-e2e-bot-token-0000000","signingSecret":"e2eSigningSecret0123456789"}"""))));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);

        String tag = "e2e-slack-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply policy = notLimited(() -> admin.post("/api/sla/policies", """
                {"name":"E2E Slack three seconds","position":1,"conditions":{"tags":["%s"]},
                 "targets":[{"metric":"first_response","target":"PT3S","businessHours":false},
                            {"metric":"resolution","target":"PT1H","businessHours":false}]}""".formatted(tag)));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
        String policyId = policy.json().path("id").asString();
        try {
            Api.Reply created = notLimited(() -> agent.post("/api/tickets", """
                    {"subject":"Parcel stuck in customs","description":"Three weeks now.","priority":"normal",
                     "channel":"chat","customerEmail":"customs@example.com","tags":["%s"]}""".formatted(tag)));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String id = created.json().path("id").asString();
            String number = created.json().path("number").asString();

            ConsumerRecord<String, String> breach = KafkaProbe.awaitRecord(E2eStack.get().kafka().bootstrapServers(),
                    "crm.sla.events", r -> id.equals(r.key()) && r.value().contains("\"sla.breached\""),
                    Duration.ofSeconds(60));
            JsonNode data = tools.jackson.databind.json.JsonMapper.builder().build().readTree(breach.value()).path("data");
            Instant deadline = Instant.parse(data.path("deadline").asString());

            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !alertsFor(slack, number).isEmpty());
            LoggedRequest alert = alertsFor(slack, number).getFirst();
            assertThat(Duration.between(deadline, alert.getLoggedDate().toInstant()))
                    .as("from the deadline to Slack").isLessThan(Duration.ofSeconds(5));
            String body = URLDecoder.decode(alert.getBodyAsString(), StandardCharsets.UTF_8);
            assertThat(body).contains("channel=#support-alerts", "SLA breached", "Parcel stuck in customs");
            assertThat(alert.getHeader("Authorization")).isEqualTo("Bearer xoxb-e2e-bot-token-0000000");
        } finally {
            notLimited(() -> admin.send(admin.request("/api/sla/policies/" + policyId).DELETE()));
        }
    }

    /** The Slack messages about the ticket's breach (alone, or listed in a batch). */
    static List<LoggedRequest> alertsFor(WireMockServer slack, String number) {
        return slack.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage"))).stream()
                .filter(r -> {
                    String body = URLDecoder.decode(r.getBodyAsString(), StandardCharsets.UTF_8);
                    // the breach (the 75% and 90% warnings of the same clock come first)
                    // the blocks are JSON in the form: Slack's link brackets arrive as \u003c … \u003e
                    return (body.contains("|" + number + " ") || body.contains("|" + number + "\\u003e"))
                            && body.contains("SLA breached");
                }).toList();
    }
}
