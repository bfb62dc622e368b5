package com.quimbi.crm.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
 * Alerts through the whole stack, Slack being the only stand-in (WireMock for its Web API):
 * <ul>
 * <li>an admin connects Slack and sets an SLA policy with a 3-second first-response target; sla-service breaches the
 * ticket's clock, the event travels outbox → Debezium → Kafka → notification-service, whose seeded rule posts the Block
 * Kit alert to #support-alerts within 5 s of the deadline;</li>
 * <li>two-way threads: a reply in an alert's thread (Slack's signed event, through the gateway, retried by Slack)
 * becomes exactly one internal note on the ticket in ticket-service, written by the agent whose Slack e-mail matches;
 * "Assign to me" assigns the ticket in assignment-service as the clicking agent. notification-service acts as those
 * agents with their own tokens from the stack's Keycloak (legacy token exchange with impersonation).</li>
 * </ul>
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

    static final String SIGNING_SECRET = "e2eSigningSecret0123456789";

    @Test
    void aThreadReplyBecomesOneNoteByTheMatchingAgentAndAssignToMeAssignsAsTheClicker() throws Exception {
        WireMockServer slack = E2eStack.slack();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String channel = "#e2e-threads-" + tag;
        String ts = "1766" + String.valueOf(System.nanoTime() % 1_000_000L) + ".000100";
        // our alert in its own channel, so it is a single-ticket message with a thread (Slack answers with the id and ts)
        slack.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1)
                .withRequestBody(containing("channel=" + URLEncoder.encode(channel, StandardCharsets.UTF_8)))
                .willReturn(okJson("""
                        {"ok":true,"channel":"C0E2ETHREAD","ts":"%s","message":{"type":"message","text":"x","ts":"%s"}}"""
                        .formatted(ts, ts))));
        slack.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(10).willReturn(okJson("""
                {"ok":true,"channel":"C0E2EALERTS","ts":"1765000000.000900"}""")));
        slack.stubFor(post(urlEqualTo("/api/chat.postEphemeral")).willReturn(okJson("""
                {"ok":true,"message_ts":"1765000000.000950"}""")));
        // users.info (https://api.slack.com/methods/users.info): the Slack users behind the reply and the click
        slack.stubFor(post(urlEqualTo("/api/users.info")).withRequestBody(containing("user=U0E2EALEX")).willReturn(okJson("""
                {"ok":true,"user":{"id":"U0E2EALEX","name":"alex","profile":{"email":"alex.agent@example.com","real_name":"Alex Agent"}}}""")));
        slack.stubFor(post(urlEqualTo("/api/users.info")).withRequestBody(containing("user=U0E2ESARA")).willReturn(okJson("""
                {"ok":true,"user":{"id":"U0E2ESARA","name":"sara","profile":{"email":"sara.supervisor@example.com","real_name":"Sara Supervisor"}}}""")));

        Api admin = E2eStack.gateway().as(E2eStack.login(DemoUser.ADMIN));
        Api agent = E2eStack.gateway().as(E2eStack.login(DemoUser.AGENT));
        String sara = notLimited(() -> E2eStack.gateway().as(E2eStack.login(DemoUser.SUPERVISOR)).get("/api/auth/me"))
                .json().path("id").asString();
        String alex = notLimited(() -> agent.get("/api/auth/me")).json().path("id").asString();
        Api.Reply connected = notLimited(() -> admin.send(admin.request("/api/slack/workspace")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("""
                        {"botToken":"xoxb-e2e-bot-token-0000000","signingSecret":"%s"}""".formatted(SIGNING_SECRET)))));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        Api.Reply rule = notLimited(() -> admin.post("/api/notifications/rules", """
                {"name":"e2e urgent %s","eventKind":"urgent_ticket","destinations":[{"type":"slack_channel","channel":"%s"}]}"""
                .formatted(tag, channel)));
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
        String ruleId = rule.json().path("id").asString();
        try {
            Api.Reply created = notLimited(() -> agent.post("/api/tickets", """
                    {"subject":"Wrong size delivered %s","description":"Ordered M, got XL.","priority":"urgent",
                     "channel":"email","customerEmail":"size-%s@example.com"}""".formatted(tag, tag)));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String ticket = created.json().path("id").asString();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !slack.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage"))
                            .withRequestBody(containing("channel=" + URLEncoder.encode(channel, StandardCharsets.UTF_8))))
                            .isEmpty());
            // Slack has answered; notification-service remembers the thread right after reading that answer
            Awaitility.await().pollDelay(Duration.ofSeconds(1)).until(() -> true);

            // Alex replies in the thread; Slack delivers it, and once more as a retry
            String reply = """
                    {"type":"event_callback","event_id":"Ev0E2E%s","event_time":%d,"team_id":"T0E2E",
                     "event":{"type":"message","channel":"C0E2ETHREAD","user":"U0E2EALEX","text":"Exchange label sent &amp; XL on its way back",
                      "ts":"%s","thread_ts":"%s","channel_type":"channel"}}"""
                    .formatted(tag, Instant.now().getEpochSecond(), ts.replace(".000100", ".000200"), ts);
            assertThat(slackRequest("/webhooks/slack/events", reply, "application/json").status()).isEqualTo(200);
            assertThat(slackRequest("/webhooks/slack/events", reply, "application/json", "X-Slack-Retry-Num", "1",
                    "X-Slack-Retry-Reason", "http_timeout").status()).isEqualTo(200);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                    .until(() -> notesOf(agent, ticket).size() == 1);
            Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                    .until(() -> notesOf(agent, ticket).size() == 1);
            JsonNode note = notesOf(agent, ticket).getFirst();
            assertThat(note.path("body").asString()).isEqualTo("Exchange label sent & XL on its way back");
            assertThat(note.path("authorType").asString()).isEqualTo("agent");
            assertThat(note.path("authorId").asString()).as("written as the agent whose Slack e-mail matches").isEqualTo(alex);

            // Sara (a supervisor: she may take the ticket whoever routing gave it to) clicks Assign to me
            String payload = """
                    {"type":"block_actions","trigger_id":"e2e.%s.trigger","user":{"id":"U0E2ESARA","username":"sara"},
                     "channel":{"id":"C0E2ETHREAD","name":"e2e-threads"},"container":{"type":"message","message_ts":"%s","channel_id":"C0E2ETHREAD"},
                     "message":{"ts":"%s","text":"x"},
                     "actions":[{"action_id":"crm_assign_me","block_id":"crm_ticket_%s","value":"%s","type":"button","action_ts":"%s"}]}"""
                    .formatted(tag, ts, ts, ticket, ticket, ts);
            assertThat(slackRequest("/webhooks/slack/interactivity", "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8),
                    "application/x-www-form-urlencoded").status()).isEqualTo(200);
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                Api.Reply history = notLimited(() -> agent.get("/api/tickets/" + ticket + "/assignments"));
                JsonNode items = history.json().isArray() ? history.json() : history.json().path("items");
                if (items.size() == 0) {
                    return false;
                }
                JsonNode last = items.get(items.size() - 1);
                // assigned to Sara, by Sara: assignment-service saw her own token
                return sara.equals(last.path("agentId").asString()) && sara.equals(last.path("assignedBy").path("id").asString());
            });
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> sara.equals(
                    notLimited(() -> agent.get("/api/tickets/" + ticket)).json().path("assigneeId").asString()));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> slack.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage"))
                    .withRequestBody(containing("channel=C0E2ETHREAD"))).stream()
                    .map(r -> URLDecoder.decode(r.getBodyAsString(), StandardCharsets.UTF_8))
                    .anyMatch(body -> body.contains("Assigned to") && body.contains("thread_ts=" + ts)));
            assertThat(notesOf(agent, ticket)).hasSize(1);
        } finally {
            notLimited(() -> admin.send(admin.request("/api/notifications/rules/" + ruleId).DELETE()));
        }
    }

    /** A request as Slack signs it (v0 HMAC-SHA256 of "v0:{timestamp}:{body}" under the signing secret). */
    static Api.Reply slackRequest(String path, String body, String contentType, String... headers) throws Exception {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body)
                .getBytes(StandardCharsets.UTF_8)));
        Api gateway = E2eStack.gateway();
        HttpRequest.Builder request = gateway.request(path).header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", timestamp).header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return notLimited(() -> gateway.send(request));
    }

    /** The ticket's internal notes, as ticket-service lists them. */
    static List<JsonNode> notesOf(Api api, String ticket) {
        Api.Reply messages = notLimited(() -> api.get("/api/tickets/" + ticket + "/messages"));
        assertThat(messages.status()).as(messages.toString()).isEqualTo(200);
        JsonNode items = messages.json().isArray() ? messages.json() : messages.json().path("items");
        List<JsonNode> notes = new java.util.ArrayList<>();
        items.forEach(m -> {
            if (m.path("internal").asBoolean()) {
                notes.add(m);
            }
        });
        return notes;
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
