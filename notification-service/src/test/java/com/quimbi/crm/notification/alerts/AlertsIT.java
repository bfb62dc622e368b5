package com.quimbi.crm.notification.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.agent.AgentCreated;
import com.quimbi.crm.contracts.assignment.AssignmentAssigned;
import com.quimbi.crm.contracts.enrichment.TicketEnriched;
import com.quimbi.crm.contracts.sla.SlaBreached;
import com.quimbi.crm.contracts.sla.SlaMet;
import com.quimbi.crm.contracts.sla.SlaWarning;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.contracts.ticket.TicketStatusChanged;
import com.quimbi.crm.notification.peers.ActingAgent;
import com.quimbi.crm.notification.peers.PeerException;
import com.quimbi.crm.notification.slack.SlackSignature;
import com.quimbi.crm.notification.summary.SummaryScheduler;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;

import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alerts end to end inside the service: real Postgres, Kafka, Redis, Keycloak (tokens, and the token exchange that lets
 * this service act as an agent) and GreenMail; only Slack's Web API is a stand-in (WireMock, payloads shaped like
 * Slack's documentation). ticket-service and assignment-service are not here: a thread reply becoming an agent's note
 * and Assign to me are covered against the real services by e2e-tests' SlackAlertFlowIT.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class AlertsIT {

    static final WireMockServer SLACK = new WireMockServer(wireMockConfig().dynamicPort());
    static final String SIGNING_SECRET = "itSigningSecret0123456789abcdef";
    static final String BOT_TOKEN = "xoxb-it-bot-token-1234567890";
    static KafkaProducer<String, String> producer;

    static {
        SLACK.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.alerts.slack.methods-url", () -> SLACK.baseUrl() + "/api/");
        // nothing listens on the discard port: never a developer's ticket-service on 8081 (see the class comment)
        registry.add("crm.alerts.peers.ticket-service-url", () -> "http://127.0.0.1:9");
        registry.add("crm.alerts.peers.assignment-service-url", () -> "http://127.0.0.1:9");
        registry.add("crm.alerts.peers.token-url", () -> TestInfrastructure.keycloak().tokenUrl());
        registry.add("crm.alerts.summaries.poll-interval", () -> "500ms");
        registry.add("crm.alerts.delivery.gather", () -> "500ms");
        registry.add("crm.alerts.delivery.window", () -> "10s");
        registry.add("crm.alerts.delivery.backoff", () -> "200ms");
        registry.add("crm.alerts.delivery.max-attempts", () -> "3");
        registry.add("crm.alerts.delivery.poll-interval", () -> "200ms");
        registry.add("crm.alerts.slack.inbound-retry-interval", () -> "500ms");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> TestInfrastructure.mail().smtpPort());
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ActingAgent acting;
    @Autowired
    SummaryScheduler summaries;

    @BeforeAll
    static void slackStandIn() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafka().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "5"), new StringSerializer(), new StringSerializer());
        // chat.postMessage (https://api.slack.com/methods/chat.postMessage): the channel's id and the message's ts
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(10).willReturn(okJson("""
                {"ok":true,"channel":"C0ALERTS1","ts":"1765000000.000001","message":{"type":"message","subtype":"bot_message","text":"x","ts":"1765000000.000001"}}""")));
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1)
                .withRequestBody(containing("channel=%23threads")).willReturn(okJson("""
                {"ok":true,"channel":"C0THREADS","ts":"1765000000.000100","message":{"type":"message","text":"x","ts":"1765000000.000100"}}""")));
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1)
                .withRequestBody(containing("channel=%23gone")).willReturn(okJson("""
                {"ok":false,"error":"channel_not_found"}""")));
        // a 429 storm: three refusals with Retry-After, then Slack takes it
        String state = Scenario.STARTED;
        for (int i = 1; i <= 3; i++) {
            SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1).inScenario("storm")
                    .whenScenarioStateIs(state).withRequestBody(containing("channel=%23storm"))
                    .willSetStateTo("429-" + i)
                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                            .withHeader("Content-Type", "application/json").withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));
            state = "429-" + i;
        }
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1).inScenario("storm")
                .whenScenarioStateIs(state).withRequestBody(containing("channel=%23storm")).willReturn(okJson("""
                {"ok":true,"channel":"C0STORM","ts":"1765000000.000300"}""")));
        SLACK.stubFor(post(urlEqualTo("/api/chat.postEphemeral")).willReturn(okJson("""
                {"ok":true,"message_ts":"1765000000.000400"}""")));
        // conversations.list (https://api.slack.com/methods/conversations.list): two pages
        SLACK.stubFor(post(urlEqualTo("/api/conversations.list")).atPriority(10).willReturn(okJson("""
                {"ok":true,"channels":[{"id":"C0ALERTS1","name":"support-alerts","is_channel":true,"is_private":false,"num_members":12},
                 {"id":"C0GENERAL","name":"general","is_channel":true,"is_private":false,"num_members":40}],
                 "response_metadata":{"next_cursor":"dGVhbTpDMDYxRkE1UEI="}}""")));
        SLACK.stubFor(post(urlEqualTo("/api/conversations.list")).atPriority(1)
                .withRequestBody(containing("cursor=dGVhbTpDMDYxRkE1UEI")).willReturn(okJson("""
                {"ok":true,"channels":[{"id":"G0VIP","name":"vip-care","is_channel":true,"is_private":true,"num_members":3}],
                 "response_metadata":{"next_cursor":""}}""")));
        // users.info (https://api.slack.com/methods/users.info) and users.lookupByEmail
        SLACK.stubFor(post(urlEqualTo("/api/users.info")).withRequestBody(containing("user=U0ALEX")).willReturn(okJson("""
                {"ok":true,"user":{"id":"U0ALEX","name":"alex","profile":{"email":"alex.agent@example.com","real_name":"Alex Agent"}}}""")));
        SLACK.stubFor(post(urlEqualTo("/api/users.info")).withRequestBody(containing("user=U0NOBODY")).willReturn(okJson("""
                {"ok":true,"user":{"id":"U0NOBODY","name":"guest","profile":{"email":"guest@elsewhere.example"}}}""")));
        SLACK.stubFor(post(urlEqualTo("/api/users.lookupByEmail")).willReturn(okJson("""
                {"ok":true,"user":{"id":"U0SARA","name":"sara","profile":{"email":"sara.supervisor@example.com"}}}""")));
    }

    @AfterAll
    static void stop() {
        SLACK.stop();
        producer.close();
    }

    Api api(DemoUser user) {
        return Api.at("http://localhost:" + port).as(user.token());
    }

    @BeforeEach
    void connectSlack() {
        Api.Reply reply = api(DemoUser.ADMIN).send(api(DemoUser.ADMIN).request("/api/slack/workspace")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("""
                        {"botToken":"%s","signingSecret":"%s"}""".formatted(BOT_TOKEN, SIGNING_SECRET))));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    // ---- events

    static void deliver(String topic, String type, String aggregateType, String aggregateId, String data) {
        String id = UUID.randomUUID().toString();
        String envelope = """
                {"id":"%s","type":"%s","aggregateType":"%s","aggregateId":"%s","occurredAt":"%s","schemaVersion":1,
                 "actor":{"type":"system"},"data":%s}""".formatted(id, type, aggregateType, aggregateId, Instant.now(), data);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, aggregateId, envelope);
        record.headers().add("id", id.getBytes(StandardCharsets.UTF_8));
        record.headers().add("eventType", type.getBytes(StandardCharsets.UTF_8));
        producer.send(record);
    }

    static UUID ticket(String number, String priority) {
        UUID id = UUID.randomUUID();
        deliver(Topics.TICKET, TicketCreated.TYPE, "ticket", id.toString(), """
                {"ticketId":"%s","number":"%s","subject":"Parcel never arrived","status":"new","priority":"%s",
                 "channel":"email","customerEmail":"maria.lopez@example.com","createdAt":"%s"}"""
                .formatted(id, number, priority, Instant.now()));
        return id;
    }

    static void breach(UUID ticket) {
        deliver(Topics.SLA, SlaBreached.TYPE, "sla", ticket.toString(), """
                {"ticketId":"%s","metric":"first_response","deadline":"%s","breachedAt":"%s"}"""
                .formatted(ticket, Instant.now().minusSeconds(1), Instant.now()));
    }

    static void warning(UUID ticket) {
        deliver(Topics.SLA, SlaWarning.TYPE, "sla", ticket.toString(), """
                {"ticketId":"%s","metric":"first_response","threshold":75,"deadline":"%s","warnedAt":"%s"}"""
                .formatted(ticket, Instant.now().plusSeconds(600), Instant.now()));
    }

    static String agent(String username, String email, String role) {
        return agent(username, email, role, "returns");
    }

    static String agent(String username, String email, String role, String team) {
        String id = UUID.randomUUID().toString();
        deliver(Topics.AGENT, AgentCreated.TYPE, "agent", id, """
                {"agentId":"%s","username":"%s","email":"%s","firstName":"%s","lastName":"Tester","role":"%s",
                 "team":"%s","status":"offline","maxConcurrentTickets":8,"acceptsNew":true,"skills":[],"languages":["en"],
                 "seniority":"senior","timezone":"Europe/Madrid","active":true,"createdAt":"%s","updatedAt":"%s"}"""
                .formatted(id, username, email, username, role, team, Instant.now(), Instant.now()));
        return id;
    }

    String createRule(String json) {
        Api.Reply reply = api(DemoUser.ADMIN).post("/api/notifications/rules", json);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().path("id").asString();
    }

    /** Events of different topics may be consumed in any order: the tickets first, so alerts can show their numbers. */
    void awaitTickets(Set<UUID> tickets) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> jdbc.queryForList(
                "SELECT ticket_id FROM alert_ticket WHERE number IS NOT NULL", UUID.class).stream()
                .filter(tickets::contains).count() == tickets.size());
    }

    int deliveries(String destination, String status, Set<UUID> tickets) {
        return jdbc.queryForList("SELECT ticket_id FROM delivery WHERE destination = ? AND status = ?", UUID.class,
                destination, status).stream().filter(tickets::contains).toList().size();
    }

    static List<String> postedTo(String channel) {
        return SLACK.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("channel=" + URLEncoder.encode(channel, StandardCharsets.UTF_8)))).stream()
                .map(r -> URLDecoder.decode(r.getBodyAsString(), StandardCharsets.UTF_8)).toList();
    }

    // ---- Slack's signed requests

    Api.Reply signed(String path, String body, long timestamp, String secret, String contentType, String... headers) {
        HttpRequest.Builder request = Api.at("http://localhost:" + port).request(path)
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", String.valueOf(timestamp))
                .header("X-Slack-Signature", SlackSignature.sign(secret, String.valueOf(timestamp),
                        body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return Api.at("http://localhost:" + port).send(request);
    }

    Api.Reply event(String body, String... headers) {
        return signed("/webhooks/slack/events", body, Instant.now().getEpochSecond(), SIGNING_SECRET, "application/json",
                headers);
    }

    @Test
    void slackRequestsAreVerifiedAndRetriesAreNoOps() {
        String challenge = """
                {"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""";
        Api.Reply ok = event(challenge);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().path("challenge").asString()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
        // the seed's path is an exact alias
        assertThat(signed("/api/slack/webhooks/events", challenge, Instant.now().getEpochSecond(), SIGNING_SECRET,
                "application/json").status()).isEqualTo(200);

        long now = Instant.now().getEpochSecond();
        Api.Reply forged = signed("/webhooks/slack/events", challenge, now, "notTheSigningSecret000000000000", "application/json");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.contentType()).startsWith("application/problem+json");
        assertThat(signed("/webhooks/slack/events", challenge, now - 400, SIGNING_SECRET, "application/json").status())
                .isEqualTo(401);
        assertThat(signed("/webhooks/slack/events", challenge, now + 400, SIGNING_SECRET, "application/json").status())
                .isEqualTo(401);
        Api.Reply unsigned = Api.at("http://localhost:" + port).post("/webhooks/slack/events", challenge);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(signed("/webhooks/slack/interactivity", "payload=%7B%7D", now - 400, SIGNING_SECRET,
                "application/x-www-form-urlencoded").status()).isEqualTo(401);
        // a tampered body under a valid signature of another body
        HttpRequest.Builder tampered = Api.at("http://localhost:" + port).request("/webhooks/slack/events")
                .header("Content-Type", "application/json").header("X-Slack-Request-Timestamp", String.valueOf(now))
                .header("X-Slack-Signature", SlackSignature.sign(SIGNING_SECRET, String.valueOf(now), "{}".getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString(challenge));
        assertThat(Api.at("http://localhost:" + port).send(tampered).status()).isEqualTo(401);

        String callback = """
                {"type":"event_callback","event_id":"Ev0RETRY1","event_time":1765000000,"team_id":"T0TEAM",
                 "event":{"type":"reaction_added","user":"U0ALEX","reaction":"eyes"}}""";
        assertThat(event(callback).status()).isEqualTo(200);
        assertThat(event(callback, "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout").status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM slack_inbound WHERE event_id = 'event:Ev0RETRY1'", Integer.class))
                .isEqualTo(1);
    }

    @Test
    void aBurstOfSixHundredBreachesBecomesAHandfulOfMessagesListingEveryOne() throws Exception {
        List<UUID> tickets = new ArrayList<>();
        for (int i = 1; i <= 600; i++) {
            tickets.add(ticket("#91" + String.format("%05d", i), "high"));
        }
        producer.flush();
        Set<UUID> burst = new HashSet<>(tickets);
        awaitTickets(burst);
        for (UUID ticket : tickets) {
            breach(ticket);
        }
        producer.flush();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> deliveries("#support-alerts", "sent", burst) == 600);
        List<String> messages = postedTo("#support-alerts").stream().filter(body -> body.contains("#9100")).toList();
        assertThat(messages.size()).as("Slack messages for 600 breaches").isBetween(1, 8);
        for (int i = 1; i <= 600; i++) {
            String number = "#91" + String.format("%05d", i);
            assertThat(messages.stream().filter(m -> m.contains(number)).count()).as(number).isGreaterThanOrEqualTo(1);
        }
        assertThat(SLACK.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage")))).allSatisfy(
                r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + BOT_TOKEN));
        // the same breach again (a second clock, a redelivery) inside the window is not a second item
        breach(tickets.getFirst());
        producer.flush();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM delivery WHERE ticket_id = ? AND destination = '#support-alerts'", Integer.class,
                tickets.getFirst()) == 1);
    }

    @Test
    void a429StormIsWaitedOutAndNothingIsDropped() {
        createRule("""
                {"name":"storm warnings","eventKind":"sla_warning","destinations":[{"type":"slack_channel","channel":"#storm"}]}""");
        Set<UUID> tickets = new HashSet<>();
        for (int i = 1; i <= 5; i++) {
            tickets.add(ticket("#93" + i, "normal"));
        }
        producer.flush();
        awaitTickets(tickets);
        tickets.forEach(AlertsIT::warning);
        producer.flush();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> deliveries("#storm", "sent", tickets) == 5);
        assertThat(deliveries("#storm", "failed", tickets)).isZero();
        List<String> calls = postedTo("#storm");
        assertThat(calls.size()).isGreaterThanOrEqualTo(4);
        for (int i = 1; i <= 5; i++) {
            assertThat(String.join("", calls)).contains("#93" + i);
        }
    }

    @Test
    void aThreadReplyOrAButtonFromSomeoneWhoIsNoAgentWritesNothingAndSaysWhy() {
        createRule("""
                {"name":"urgent to threads","eventKind":"urgent_ticket","destinations":[{"type":"slack_channel","channel":"#threads"}]}""");
        producer.flush();
        UUID ticket = ticket("#94001", "urgent");
        producer.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                "SELECT ticket_id FROM slack_thread WHERE channel_id = 'C0THREADS' AND ts = '1765000000.000100'", UUID.class)
                .contains(ticket));
        List<String> alert = postedTo("#threads");
        assertThat(alert.getLast()).contains("#94001", "crm_ack", "crm_assign_me", "crm_open", "Acknowledge", "Assign to me");

        // someone Slack knows but the CRM does not: an ephemeral explanation, nothing is written (ticket-service is
        // not even there: any call would fail the inbound row instead of finishing it)
        String reply = """
                {"type":"event_callback","event_id":"Ev0THREAD2","event_time":1765000100,"team_id":"T0TEAM",
                 "event":{"type":"message","channel":"C0THREADS","user":"U0NOBODY","text":"I can help",
                  "ts":"1765000100.000300","thread_ts":"1765000000.000100","channel_type":"channel"}}""";
        assertThat(event(reply).status()).isEqualTo(200);
        assertThat(event(reply, "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> !SLACK.findAll(postRequestedFor(urlEqualTo("/api/chat.postEphemeral"))
                .withRequestBody(containing("user=U0NOBODY"))).isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> "done".equals(jdbc.queryForObject(
                "SELECT status FROM slack_inbound WHERE event_id = 'event:Ev0THREAD2'", String.class)));

        String payload = """
                {"type":"block_actions","trigger_id":"1765000200.123.abc","user":{"id":"U0NOBODY","username":"guest"},
                 "channel":{"id":"C0THREADS","name":"threads"},"container":{"type":"message","message_ts":"1765000000.000100","channel_id":"C0THREADS"},
                 "message":{"ts":"1765000000.000100","text":"x"},
                 "actions":[{"action_id":"crm_assign_me","block_id":"crm_ticket_%s","value":"%s","type":"button","action_ts":"1765000200.1"}]}"""
                .formatted(ticket, ticket);
        String form = "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
        assertThat(signed("/webhooks/slack/interactivity", form, Instant.now().getEpochSecond(), SIGNING_SECRET,
                "application/x-www-form-urlencoded").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> SLACK.findAll(postRequestedFor(urlEqualTo("/api/chat.postEphemeral"))
                .withRequestBody(containing("user=U0NOBODY"))).stream()
                .anyMatch(r -> URLDecoder.decode(r.getBodyAsString(), StandardCharsets.UTF_8).contains("Nothing was done")));
        assertThat(postedTo("C0THREADS")).noneMatch(m -> m.contains("Assigned to"));
    }

    @Test
    void threadRepliesAndButtonsOfAgentsActAsThemOrSayWhyNot() {
        // a single-ticket alert in a channel of its own; Alex is the realm's agent (the token exchange works for him),
        // Gil is in the CRM's directory but not in Keycloak (the exchange is refused for him)
        UUID ticket = ticket("#94101", "normal");
        String alex = claims(DemoUser.AGENT.token()).path("sub").asString();
        deliver(Topics.AGENT, AgentCreated.TYPE, "agent", alex, """
                {"agentId":"%s","username":"alex.agent","email":"alex.agent@example.com","firstName":"Alex","lastName":"Agent",
                 "role":"agent","team":"returns","status":"online","maxConcurrentTickets":8,"acceptsNew":true,"skills":[],
                 "languages":["en"],"seniority":"senior","timezone":"Europe/Madrid","active":true,"createdAt":"%s","updatedAt":"%s"}"""
                .formatted(alex, Instant.now(), Instant.now()));
        String gil = agent("gil.directory", "gil.directory@example.com", "agent");
        producer.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM agent_contact WHERE agent_id IN (?, ?)", Integer.class, alex, gil) == 2);
        jdbc.update("INSERT INTO slack_thread (channel_id, ts, ticket_id) VALUES ('C0MINE', '1765000000.000500', ?)", ticket);
        SLACK.stubFor(post(urlEqualTo("/api/users.info")).withRequestBody(containing("user=U0GIL")).willReturn(okJson("""
                {"ok":true,"user":{"id":"U0GIL","name":"gil","profile":{"email":"gil.directory@example.com"}}}""")));

        // Alex's reply becomes his note through ticket-service, which is down here: retried, then failed with the reason
        assertThat(event(threadMessage("Ev0NOTE1", "U0ALEX", "Refund &amp; apology sent")).status()).isEqualTo(200);
        // Gil's reply: Keycloak will not act as him, he is told so and nothing is written
        assertThat(event(threadMessage("Ev0NOTE2", "U0GIL", "I can take it")).status()).isEqualTo(200);
        // a bot's message and a reply in a thread that is not ours are nobody's notes
        assertThat(event(threadMessage("Ev0NOTE3", "U0ALEX", "beep").replace("\"user\"", "\"subtype\":\"bot_message\",\"user\""))
                .status()).isEqualTo(200);
        assertThat(event(threadMessage("Ev0NOTE4", "U0ALEX", "elsewhere").replace("1765000000.000500", "1765000000.000999"))
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(inbound("event:Ev0NOTE1")));
        assertThat(jdbc.queryForObject("SELECT attempts FROM slack_inbound WHERE event_id = 'event:Ev0NOTE1'", Integer.class))
                .isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT last_error FROM slack_inbound WHERE event_id = 'event:Ev0NOTE1'", String.class))
                .contains("ticket-service did not answer");
        await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(inbound("event:Ev0NOTE2"))
                && "done".equals(inbound("event:Ev0NOTE3")) && "done".equals(inbound("event:Ev0NOTE4")));
        assertThat(ephemeralsTo("U0GIL")).anyMatch(m -> m.contains("Your reply was not added to the ticket"));
        // the Slack user is remembered as the agent (no users.info next time)
        assertThat(jdbc.queryForObject("SELECT count(*) FROM agent_contact WHERE agent_id = ? AND slack_user_id = 'U0ALEX'",
                Integer.class, alex)).isEqualTo(1);

        // buttons: Acknowledge is recorded and said in the thread; Assign to me is refused for Gil, retried for Alex
        assertThat(button("1765000300.1.a", "U0ALEX", "crm_ack", ticket.toString(), true).status()).isEqualTo(200);
        assertThat(button("1765000300.2.b", "U0GIL", "crm_assign_me", ticket.toString(), false).status()).isEqualTo(200);
        assertThat(button("1765000300.3.c", "U0ALEX", "crm_assign_me", ticket.toString(), false).status()).isEqualTo(200);
        // a button for no ticket does nothing
        assertThat(button("1765000300.4.d", "U0ALEX", "crm_ack", "not-a-ticket", false).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM alert_ack WHERE ticket_id = ? AND agent_id = ?", Integer.class, ticket, alex) == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> postedTo("C0MINE").stream()
                .anyMatch(m -> m.contains("Acknowledged by Alex Agent") && m.contains("thread_ts=1765000000.000500")));
        await().atMost(Duration.ofSeconds(20)).until(() -> ephemeralsTo("U0GIL").stream()
                .anyMatch(m -> m.contains("The ticket was not assigned to you")));
        await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(inbound("action:1765000300.3.c")));
        assertThat(jdbc.queryForObject("SELECT last_error FROM slack_inbound WHERE event_id = 'action:1765000300.3.c'",
                String.class)).contains("assignment-service did not answer");
        assertThat(inbound("action:1765000300.4.d")).isEqualTo("done");
        assertThat(postedTo("C0MINE")).noneMatch(m -> m.contains("Assigned to"));
    }

    @Test
    void slackRequestsThatAreSignedButMalformedAreBadRequests() {
        long now = Instant.now().getEpochSecond();
        assertThat(event("{\"type\":\"url_verification\"}").status()).isEqualTo(400);
        assertThat(event("{\"type\":\"event_callback\",\"event\":{}}").status()).isEqualTo(400);
        Api.Reply notJson = event("{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.contentType()).startsWith("application/problem+json");
        assertThat(event("[1,2]").status()).isEqualTo(400);
        // other envelope types (app_rate_limited, ...) are acknowledged and not stored
        assertThat(event("{\"type\":\"app_rate_limited\",\"minute_rate_limited\":1765000000}").status()).isEqualTo(200);
        assertThat(signed("/webhooks/slack/interactivity", "token=x&trigger_id=1", now, SIGNING_SECRET,
                "application/x-www-form-urlencoded").status()).isEqualTo(400);
        // a modal submission is not one of our buttons: acknowledged, nothing stored
        String view = "payload=" + URLEncoder.encode("{\"type\":\"view_submission\",\"trigger_id\":\"1765000400.9.z\"}",
                StandardCharsets.UTF_8);
        assertThat(signed("/webhooks/slack/interactivity", view, now, SIGNING_SECRET, "application/x-www-form-urlencoded")
                .status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM slack_inbound WHERE event_id = 'action:1765000400.9.z'",
                Integer.class)).isZero();
        HttpRequest.Builder badClock = Api.at("http://localhost:" + port).request("/webhooks/slack/events")
                .header("Content-Type", "application/json").header("X-Slack-Request-Timestamp", "yesterday")
                .header("X-Slack-Signature", "v0=00").POST(HttpRequest.BodyPublishers.ofString("{}"));
        Api.Reply malformed = Api.at("http://localhost:" + port).send(badClock);
        assertThat(malformed.status()).isEqualTo(401);
        assertThat(malformed.body()).contains("not a number");
    }

    static String threadMessage(String eventId, String user, String text) {
        return """
                {"type":"event_callback","event_id":"%s","event_time":1765000100,"team_id":"T0TEAM",
                 "event":{"type":"message","channel":"C0MINE","user":"%s","text":"%s",
                  "ts":"1765000100.%s","thread_ts":"1765000000.000500","channel_type":"channel"}}"""
                .formatted(eventId, user, text, eventId.substring(eventId.length() - 1) + "00000");
    }

    /** A click on one of an alert's buttons; {@code container} only: the shape of a click in a thread message. */
    Api.Reply button(String trigger, String user, String action, String value, boolean containerOnly) {
        String where = containerOnly ? "" : """
                "channel":{"id":"C0MINE","name":"mine"},"message":{"ts":"1765000000.000500","text":"x"},""";
        String payload = """
                {"type":"block_actions","trigger_id":"%s","user":{"id":"%s"},%s
                 "container":{"type":"message","message_ts":"1765000000.000500","channel_id":"C0MINE"},
                 "actions":[{"action_id":"%s","block_id":"crm_ticket_x","value":"%s","type":"button","action_ts":"1765000300.1"}]}"""
                .formatted(trigger, user, where, action, value);
        return signed("/webhooks/slack/interactivity", "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8),
                Instant.now().getEpochSecond(), SIGNING_SECRET, "application/x-www-form-urlencoded");
    }

    String inbound(String id) {
        return jdbc.queryForList("SELECT status FROM slack_inbound WHERE event_id = ?", String.class, id).stream()
                .findFirst().orElse(null);
    }

    static List<String> ephemeralsTo(String user) {
        return SLACK.findAll(postRequestedFor(urlEqualTo("/api/chat.postEphemeral")).withRequestBody(containing("user=" + user)))
                .stream().map(r -> URLDecoder.decode(r.getBodyAsString(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void theTokenExchangeGivesThisServiceTheAgentsOwnTokenFromKeycloak() {
        // the realm's demo agent; its Keycloak id is the agent id (the token's sub)
        JsonNode alex = claims(DemoUser.AGENT.token());
        String agentId = alex.path("sub").asString();
        JsonNode exchanged = claims(acting.tokenFor(agentId));
        assertThat(exchanged.path("sub").asString()).isEqualTo(agentId);
        assertThat(exchanged.path("preferred_username").asString()).isEqualTo("alex.agent");
        assertThat(exchanged.path("azp").asString()).isEqualTo("crm-notification-service");
        assertThat(exchanged.path("iss").asString()).isEqualTo(TestInfrastructure.keycloak().issuerUri());
        List<String> roles = new ArrayList<>();
        exchanged.path("realm_access").path("roles").forEach(r -> roles.add(r.asString()));
        assertThat(roles).contains("agent").doesNotContain("supervisor", "admin");
        // cached: the same token until shortly before it expires
        assertThat(acting.tokenFor(agentId)).isEqualTo(acting.tokenFor(agentId));
        // nobody by that id: Keycloak refuses, which is not "try again later"
        assertThatThrownBy(() -> acting.tokenFor(UUID.randomUUID().toString())).isInstanceOf(PeerException.Refused.class);
        // the token is good on this service's own API as that agent (roles from the token)
        assertThat(Api.at("http://localhost:" + port).as(acting.tokenFor(agentId)).get("/api/notifications/rules").status())
                .isEqualTo(403);
        assertThat(Api.at("http://localhost:" + port).as(acting.tokenFor(agentId)).post("/api/realtime/tickets", "").status())
                .isEqualTo(201);
    }

    static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        return JsonMapper.builder().build().readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    @Test
    void aDailyTeamSummaryIsSentOncePerPeriodWithTheTeamsNumbers() throws Exception {
        String team = "wharf-" + UUID.randomUUID().toString().substring(0, 6);
        String holder = agent("wharf.agent", "wharf.agent@example.com", "agent", team);
        producer.flush();
        List<UUID> tickets = List.of(ticket("#97001", "normal"), ticket("#97002", "normal"), ticket("#97003", "low"));
        producer.flush();
        awaitTickets(Set.copyOf(tickets));
        for (int i = 0; i < tickets.size(); i++) {
            UUID ticket = tickets.get(i);
            deliver(Topics.ASSIGNMENT, AssignmentAssigned.TYPE, "assignment", ticket.toString(), """
                    {"ticketId":"%s","assignmentId":"%s","assigneeId":"%s","assignedBy":{"type":"system"},"reason":"auto",
                     "assignedAt":"%s","forced":false}""".formatted(ticket, UUID.randomUUID(), holder, Instant.now()));
            deliver(Topics.ENRICHMENT, TicketEnriched.TYPE, "enrichment", ticket.toString(), """
                    {"ticketId":"%s","category":"%s","categoryConfidence":0.9,"sentiment":"neutral","urgency":"normal",
                     "confidence":0.9,"churnRisk":0.1,"churnRiskLevel":"low","ltv":10.0,"currency":"USD",
                     "customerTier":"standard","language":"en","source":"fallback","trigger":"ticket.created","enrichedAt":"%s"}"""
                    .formatted(ticket, i < 2 ? "shipping" : "returns", Instant.now()));
        }
        breach(tickets.get(0));
        deliver(Topics.SLA, SlaMet.TYPE, "sla", tickets.get(1).toString(), """
                {"ticketId":"%s","metric":"first_response","deadline":"%s","metAt":"%s","breached":false}"""
                .formatted(tickets.get(1), Instant.now().plusSeconds(600), Instant.now()));
        deliver(Topics.TICKET, TicketStatusChanged.TYPE, "ticket", tickets.get(2).toString(), """
                {"ticketId":"%s","number":"#97003","from":"open","to":"solved","reason":"agent","changedAt":"%s"}"""
                .formatted(tickets.get(2), Instant.now()));
        producer.flush();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> jdbc.queryForObject("""
                SELECT count(*) FROM alert_ticket WHERE ticket_id IN (?, ?, ?) AND assignee_id = ? AND category IS NOT NULL""",
                Integer.class, tickets.get(0), tickets.get(1), tickets.get(2), holder) == 3
                && jdbc.queryForObject("SELECT count(*) FROM alert_sla_outcome WHERE ticket_id IN (?, ?)", Integer.class,
                        tickets.get(0), tickets.get(1)) == 2
                && "solved".equals(jdbc.queryForObject("SELECT status FROM alert_ticket WHERE ticket_id = ?", String.class,
                        tickets.get(2))));

        // an admin's configuration, validated and role-checked
        Instant due = Instant.now().plus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        String time = java.time.format.DateTimeFormatter.ofPattern("HH:mm").withZone(java.time.ZoneOffset.UTC).format(due);
        String summary = """
                {"name":"%s daily","team":"%s","period":"daily","time":"%s","timeZone":"UTC",
                 "destinations":[{"type":"slack_channel","channel":"#summaries"},{"type":"email","address":"lead@example.com"}]}"""
                .formatted(team, team, time);
        assertThat(api(DemoUser.SUPERVISOR).post("/api/notifications/summaries", summary).status()).isEqualTo(403);
        assertThat(api(DemoUser.AGENT).get("/api/notifications/summaries").status()).isEqualTo(403);
        Api.Reply invalid = api(DemoUser.ADMIN).post("/api/notifications/summaries", """
                {"name":"bad","period":"daily","time":"25:00","timeZone":"Mars/Olympus","dayOfWeek":"monday",
                 "destinations":[{"type":"slack_dm"},{"type":"email"}]}""");
        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(invalid.body()).contains("time");
        Api.Reply invalid2 = api(DemoUser.ADMIN).post("/api/notifications/summaries", """
                {"name":"bad","period":"daily","time":"09:00","timeZone":"Mars/Olympus","dayOfWeek":"monday",
                 "destinations":[{"type":"slack_dm"},{"type":"email"}]}""");
        assertThat(invalid2.status()).as(invalid2.toString()).isEqualTo(400);
        assertThat(invalid2.body()).contains("timeZone", "dayOfWeek", "destinations[0].type", "destinations[1].address");
        assertThat(api(DemoUser.ADMIN).post("/api/notifications/summaries", """
                {"name":"bad","period":"hourly","time":"09:00","timeZone":"UTC","destinations":[{"type":"email","address":"a@example.com"}]}""")
                .status()).isEqualTo(400);
        Api.Reply created = api(DemoUser.ADMIN).post("/api/notifications/summaries", summary);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(api(DemoUser.ADMIN).post("/api/notifications/summaries", summary).status()).isEqualTo(409);
        String id = created.json().path("id").asString();
        assertThat(api(DemoUser.SUPERVISOR).get("/api/notifications/summaries/" + id).json().path("period").asString())
                .isEqualTo("daily");

        // the scheduled moment passes: queued once, however often the scheduler looks (a restart reads the same row)
        Instant after = due.plusSeconds(30);
        assertThat(summaries.queueDue(after)).isEqualTo(1);
        assertThat(summaries.queueDue(after)).isZero();
        assertThat(summaries.queueDue(after.plusSeconds(3600))).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> !postedTo("#summaries").isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> postedTo("#summaries").size() == 1);
        String slack = postedTo("#summaries").getFirst();
        assertThat(slack).contains("Daily summary: team " + team, "*Volume*: 3 new tickets", "*Backlog*: 2 open",
                "*SLA breaches*: 1", "50% (1 of 2 clocks met on time)", "shipping 2, returns 1");
        assertThat(api(DemoUser.ADMIN).get("/api/notifications/summaries/" + id).json().path("lastPeriodEnd").asString())
                .isEqualTo(due.toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> List.of(TestInfrastructure.mail().greenMail().getReceivedMessages())
                .stream().anyMatch(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equals("lead@example.com")
                                && m.getSubject().contains("Daily summary: team " + team);
                    } catch (Exception e) {
                        return false;
                    }
                }));
        // the next day's moment: the next period
        assertThat(summaries.queueDue(after.plus(Duration.ofDays(1)))).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> postedTo("#summaries").size() == 2);
        assertThat(api(DemoUser.ADMIN).send(api(DemoUser.ADMIN).request("/api/notifications/summaries/" + id).DELETE()).status())
                .isEqualTo(204);
    }

    @Test
    void aSummarySlackRefusesFailsOneSlackCannotTakeNowIsRetriedAndSummariesAreEditable() {
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1)
                .withRequestBody(containing("channel=%23summary-down")).willReturn(aResponse().withStatus(503)));
        String team = "dock-" + UUID.randomUUID().toString().substring(0, 6);
        Instant due = Instant.now().plus(Duration.ofHours(5)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        String time = java.time.format.DateTimeFormatter.ofPattern("HH:mm").withZone(java.time.ZoneOffset.UTC).format(due);
        String summary = """
                {"name":"%s weekly","team":"%s","period":"weekly","dayOfWeek":"%s","time":"%s","timeZone":"UTC",
                 "destinations":[{"type":"slack_channel","channel":"#gone"},{"type":"slack_channel","channel":"#summary-down"}]}"""
                .formatted(team, team, due.atZone(java.time.ZoneOffset.UTC).getDayOfWeek().name().toLowerCase(), time);
        Api.Reply created = api(DemoUser.ADMIN).post("/api/notifications/summaries", summary);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asString();

        assertThat(summaries.queueDue(due.plusSeconds(30))).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(
                "SELECT status FROM summary_send WHERE summary_id = ?::uuid ORDER BY destination", String.class, id)
                .equals(List.of("failed", "pending")) && jdbc.queryForObject(
                "SELECT attempts FROM summary_send WHERE summary_id = ?::uuid AND destination = '#summary-down'", Integer.class, id) == 1);
        assertThat(jdbc.queryForObject("SELECT last_error FROM summary_send WHERE summary_id = ?::uuid AND destination = '#gone'",
                String.class, id)).contains("channel_not_found");
        Map<String, Object> retried = jdbc.queryForMap("SELECT last_error, next_attempt_at > now() + interval '20 seconds' AS later "
                + "FROM summary_send WHERE summary_id = ?::uuid AND destination = '#summary-down'", id);
        assertThat((String) retried.get("last_error")).contains("503");
        assertThat(retried.get("later")).isEqualTo(true);

        // edited: stale versions are refused, offsets and misplaced destination fields are bad input
        String edited = summary.replace("#summary-down", "#summaries").replace(" weekly\"", " weekly (edited)\"");
        assertThat(putSummary(id, "\"5\"", edited).status()).isEqualTo(412);
        Api.Reply updated = putSummary(id, "\"0\"", edited);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("version").asLong()).isEqualTo(1);
        assertThat(updated.json().path("lastPeriodEnd").asString()).isEqualTo(due.toString());
        Api.Reply invalid = putSummary(id, "\"1\"", """
                {"name":"x","period":"daily","time":"09:00","timeZone":"+02:00","destinations":[{"type":"slack_channel"},
                 {"type":"slack_channel","channel":"#a","address":"a@example.com"},{"type":"email","address":"b@example.com","channel":"#b"}]}""");
        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
        assertThat(invalid.body()).contains("timeZone", "destinations[0].channel", "destinations[1].address",
                "destinations[2].channel");
        assertThat(api(DemoUser.SUPERVISOR).get("/api/notifications/summaries").body()).contains(team + " weekly (edited)");
        assertThat(api(DemoUser.ADMIN).send(api(DemoUser.ADMIN).request("/api/notifications/summaries/" + id).DELETE()).status())
                .isEqualTo(204);
    }

    Api.Reply putWorkspace(String json) {
        return api(DemoUser.ADMIN).send(api(DemoUser.ADMIN).request("/api/slack/workspace")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Api.Reply putSummary(String id, String ifMatch, String json) {
        return api(DemoUser.ADMIN).send(api(DemoUser.ADMIN).request("/api/notifications/summaries/" + id)
                .header("Content-Type", "application/json").header("If-Match", ifMatch)
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Test
    void raisedPriorityVipCustomersChurnRiskTransfersAndUnknownTicketsRaiseTheirAlerts() {
        String rule = createRule("""
                {"name":"transfers to the new holder","eventKind":"agent_assigned","destinations":[{"type":"websocket"},
                 {"type":"slack_channel","channel":"#summary-down"}]}""");
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1)
                .withRequestBody(containing("channel=%23summary-down")).willReturn(aResponse().withStatus(503)));
        String from = agent("ona.before", "ona.before@example.com", "agent");
        String to = agent("ty.after", "ty.after@example.com", "agent");
        // a customer becomes VIP (customer.updated), then opens a ticket
        UUID customer = UUID.randomUUID();
        deliver(Topics.CUSTOMER, "customer.created", "customer", customer.toString(), """
                {"customerId":"%s","email":"pat@example.com","name":"Pat","tier":"standard","createdAt":"%s"}"""
                .formatted(customer, Instant.now()));
        deliver(Topics.CUSTOMER, "customer.updated", "customer", customer.toString(), """
                {"customerId":"%s","changes":{"tier":{"old":"standard","new":"VIP"},"name":{"old":"Pat","new":"Pat Doe"}},
                 "version":2,"updatedAt":"%s"}""".formatted(customer, Instant.now()));
        producer.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                "SELECT tier FROM alert_customer WHERE customer_id = ? AND name = 'Pat Doe'", String.class, customer)
                .contains("vip"));
        UUID vipTicket = UUID.randomUUID();
        deliver(Topics.TICKET, TicketCreated.TYPE, "ticket", vipTicket.toString(), """
                {"ticketId":"%s","number":"#98001","subject":"Order missing","status":"new","priority":"normal",
                 "channel":"email","customerId":"%s","customerEmail":"pat@example.com","createdAt":"%s"}"""
                .formatted(vipTicket, customer, Instant.now()));
        // a ticket raised to urgent (ticket.updated), one at high churn risk (enrichment), one only the SLA knows
        UUID raised = ticket("#98002", "normal");
        UUID churn = ticket("#98003", "low");
        producer.flush();
        awaitTickets(Set.of(vipTicket, raised, churn));
        deliver(Topics.TICKET, "ticket.updated", "ticket", raised.toString(), """
                {"ticketId":"%s","number":"#98002","changes":{"subject":{"old":"Parcel never arrived","new":"Parcel lost"},
                 "priority":{"old":"normal","new":"urgent"}},"version":2,"updatedAt":"%s"}""".formatted(raised, Instant.now()));
        deliver(Topics.ENRICHMENT, TicketEnriched.TYPE, "ticket", churn.toString(), """
                {"ticketId":"%s","category":"shipping","categoryConfidence":0.9,"sentiment":"negative","urgency":"high",
                 "confidence":0.9,"churnRisk":0.82,"churnRiskLevel":"high","ltv":120.0,"customerTier":"standard",
                 "source":"quimbi","trigger":"ticket.created","enrichedAt":"%s"}""".formatted(churn, Instant.now()));
        UUID unknown = UUID.randomUUID();
        warning(unknown);
        deliver(Topics.ASSIGNMENT, "assignment.transferred", "assignment", raised.toString(), """
                {"ticketId":"%s","assignmentId":"%s","fromAgentId":"%s","toAgentId":"%s","note":"billing question",
                 "transferredAt":"%s"}""".formatted(raised, UUID.randomUUID(), from, to, Instant.now()));
        producer.flush();

        await().atMost(Duration.ofSeconds(30)).until(() -> kinds(vipTicket).contains("vip_customer")
                && kinds(raised).containsAll(List.of("urgent_ticket", "agent_assigned")) && kinds(churn).contains("vip_customer")
                && kinds(unknown).contains("sla_warning"));
        assertThat(item(raised, "urgent_ticket")).contains("raised to urgent");
        assertThat(item(churn, "vip_customer")).contains("high churn risk (82%)");
        assertThat(item(vipTicket, "vip_customer")).contains("VIP customer");
        // the new holder: on the socket (this rule), as a Slack DM (the default rule), and in the rule's channel
        assertThat(jdbc.queryForList("SELECT destination_type || ':' || destination FROM delivery WHERE ticket_id = ? "
                + "AND event_kind = 'agent_assigned'", String.class, raised))
                .containsExactlyInAnyOrder("websocket:" + to, "slack_dm:" + to, "slack_channel:#summary-down");
        // Slack cannot take it (503): retried with backoff, failed after max-attempts (3 here) with the reason
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("#summary-down", "failed", Set.of(raised)) == 1);
        assertThat(jdbc.queryForObject("SELECT attempts || ' ' || last_error FROM delivery WHERE ticket_id = ? "
                + "AND destination = '#summary-down'", String.class, raised)).startsWith("3 ").contains("503");
        assertThat(jdbc.queryForObject("SELECT subject || ' ' || priority || ' ' || assignee_id FROM alert_ticket WHERE ticket_id = ?",
                String.class, raised)).isEqualTo("Parcel lost urgent " + to);
        // the same enrichment again is not a second VIP alert
        deliver(Topics.ENRICHMENT, TicketEnriched.TYPE, "ticket", churn.toString(), """
                {"ticketId":"%s","category":"shipping","categoryConfidence":0.9,"sentiment":"negative","urgency":"high",
                 "confidence":0.9,"churnRisk":0.9,"churnRiskLevel":"high","ltv":120.0,"customerTier":"vip","source":"quimbi",
                 "trigger":"message.added","enrichedAt":"%s"}""".formatted(churn, Instant.now()));
        producer.flush();
        await().atMost(Duration.ofSeconds(20)).until(() -> "vip".equals(jdbc.queryForObject(
                "SELECT tier FROM alert_ticket WHERE ticket_id = ?", String.class, churn)));
        assertThat(kinds(churn).stream().filter("vip_customer"::equals).count()).isEqualTo(1);
        // a deleted ticket is forgotten
        deliver(Topics.TICKET, "ticket.deleted", "ticket", churn.toString(), """
                {"ticketId":"%s","number":"#98003","deletedAt":"%s"}""".formatted(churn, Instant.now()));
        producer.flush();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM alert_ticket WHERE ticket_id = ?", Integer.class, churn) == 0);
        api(DemoUser.ADMIN).send(api(DemoUser.ADMIN).request("/api/notifications/rules/" + rule).DELETE());
    }

    List<String> kinds(UUID ticket) {
        return jdbc.queryForList("SELECT event_kind FROM delivery WHERE ticket_id = ?", String.class, ticket);
    }

    String item(UUID ticket, String kind) {
        return String.join(" ", jdbc.queryForList("SELECT item::text FROM delivery WHERE ticket_id = ? AND event_kind = ?",
                String.class, ticket, kind));
    }

    @Test
    void aMentionReachesTheAgentsSocketSlackAndMailbox() throws Exception {
        String sara = agent("sara.supervisor", "sara.supervisor@example.com", "supervisor");
        String alex = agent("alex.mentioner", "alex.mentioner@example.com", "agent");
        producer.flush();
        UUID ticket = ticket("#95001", "normal");
        producer.flush();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM agent_contact WHERE agent_id IN (?, ?)", Integer.class, sara, alex) == 2);
        deliver(Topics.TICKET, MessageAdded.TYPE, "ticket", ticket.toString(), """
                {"messageId":"%s","ticketId":"%s","ticketNumber":"#95001","authorType":"agent","authorId":"%s",
                 "direction":"outbound","channel":"email","internal":true,"attachmentCount":0,
                 "bodyText":"@sara.supervisor can you approve the refund? (cc bob@example.com)","bodyTruncated":false,"createdAt":"%s"}"""
                .formatted(UUID.randomUUID(), ticket, alex, Instant.now()));
        producer.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                "SELECT destination_type FROM delivery WHERE ticket_id = ? AND event_kind = 'mention' AND status = 'sent'",
                String.class, ticket).containsAll(List.of("websocket", "email", "slack_dm")));
        assertThat(jdbc.queryForList("SELECT destination FROM delivery WHERE ticket_id = ? AND event_kind = 'mention'",
                String.class, ticket)).containsOnly(sara, "sara.supervisor@example.com");
        assertThat(postedTo("U0SARA")).anyMatch(m -> m.contains("#95001"));
        MimeMessage[] mails = TestInfrastructure.mail().greenMail().getReceivedMessages();
        assertThat(List.of(mails)).anyMatch(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals("sara.supervisor@example.com")
                        && m.getSubject().contains("You were mentioned");
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void aRefusedDeliveryIsFailedListedAndRetriedBySupervisors() {
        String rule = createRule("""
                {"name":"breaches to a gone channel","eventKind":"sla_breach","destinations":[{"type":"slack_channel","channel":"#gone"}]}""");
        UUID ticket = ticket("#96001", "high");
        producer.flush();
        awaitTickets(Set.of(ticket));
        breach(ticket);
        producer.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("#gone", "failed", Set.of(ticket)) == 1);
        Api.Reply failed = api(DemoUser.SUPERVISOR).get("/api/notifications/deliveries?status=failed&limit=200");
        assertThat(failed.status()).as(failed.toString()).isEqualTo(200);
        String id = null;
        for (var item : failed.json().path("items")) {
            if (ticket.toString().equals(item.path("ticketId").asString())) {
                id = item.path("id").asString();
                assertThat(item.path("lastError").asString()).contains("channel_not_found");
                assertThat(item.path("destinationType").asString()).isEqualTo("slack_channel");
            }
        }
        assertThat(id).isNotNull();
        assertThat(api(DemoUser.AGENT).get("/api/notifications/deliveries?status=failed").status()).isEqualTo(403);
        assertThat(api(DemoUser.SUPERVISOR).get("/api/notifications/deliveries?status=lost").status()).isEqualTo(400);
        assertThat(api(DemoUser.SUPERVISOR).get("/api/notifications/deliveries?cursor=forged").status()).isEqualTo(400);
        assertThat(api(DemoUser.AGENT).post("/api/notifications/deliveries/" + id + "/retry", "").status()).isEqualTo(403);
        Api.Reply retried = api(DemoUser.SUPERVISOR).post("/api/notifications/deliveries/" + id + "/retry", "");
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().path("status").asString()).isEqualTo("pending");
        await().atMost(Duration.ofSeconds(30)).until(() -> postedTo("#gone").size() >= 2);
        assertThat(api(DemoUser.SUPERVISOR).post("/api/notifications/deliveries/" + UUID.randomUUID() + "/retry", "")
                .status()).isEqualTo(404);
        api(DemoUser.ADMIN).send(api(DemoUser.ADMIN).request("/api/notifications/rules/" + rule).DELETE());
    }

    @Test
    void rulesAreAdminDataValidatedAndAudited() {
        assertThat(api(DemoUser.AGENT).get("/api/notifications/rules").status()).isEqualTo(403);
        Api.Reply list = api(DemoUser.SUPERVISOR).get("/api/notifications/rules");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("SLA breaches to #support-alerts", "@mentions to the agent");
        String rule = """
                {"name":"VIP breaches","eventKind":"sla_breach","filters":{"priorities":["urgent","high"],"tiers":["vip"]},
                 "destinations":[{"type":"email","address":"vip-oncall@example.com"}]}""";
        assertThat(api(DemoUser.SUPERVISOR).post("/api/notifications/rules", rule).status()).isEqualTo(403);
        Api.Reply invalid = api(DemoUser.ADMIN).post("/api/notifications/rules", """
                {"name":"","eventKind":"sla_breach","destinations":[{"type":"slack_channel","channel":"Not A Channel!"}]}""");
        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(invalid.body()).contains("name", "channel");
        assertThat(api(DemoUser.ADMIN).post("/api/notifications/rules", """
                {"name":"x","eventKind":"sla_exploded","destinations":[{"type":"websocket"}]}""").status()).isEqualTo(400);
        assertThat(api(DemoUser.ADMIN).post("/api/notifications/rules", """
                {"name":"x","eventKind":"mention","destinations":[{"type":"slack_channel"}]}""").status()).isEqualTo(400);
        assertThat(api(DemoUser.ADMIN).post("/api/notifications/rules", "{not json").status()).isEqualTo(400);
        String id = createRule(rule);
        assertThat(api(DemoUser.ADMIN).post("/api/notifications/rules", rule).status()).isEqualTo(409);
        Api.Reply stale = api(DemoUser.ADMIN).send(api(DemoUser.ADMIN).request("/api/notifications/rules/" + id)
                .header("Content-Type", "application/json").header("If-Match", "\"7\"")
                .PUT(HttpRequest.BodyPublishers.ofString(rule.replace("VIP breaches", "VIP breaches (all)"))));
        assertThat(stale.status()).isEqualTo(412);
        Api.Reply updated = api(DemoUser.ADMIN).send(api(DemoUser.ADMIN).request("/api/notifications/rules/" + id)
                .header("Content-Type", "application/json").header("If-Match", "\"0\"")
                .PUT(HttpRequest.BodyPublishers.ofString(rule.replace("VIP breaches", "VIP breaches (all)"))));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("version").asLong()).isEqualTo(1);
        assertThat(api(DemoUser.ADMIN).send(api(DemoUser.ADMIN).request("/api/notifications/rules/" + id).DELETE()).status())
                .isEqualTo(204);
        assertThat(api(DemoUser.SUPERVISOR).get("/api/notifications/rules/" + id + "/audit").status()).isEqualTo(403);
        Api.Reply audit = api(DemoUser.ADMIN).get("/api/notifications/rules/" + id + "/audit");
        assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
        List<String> actions = new ArrayList<>();
        audit.json().forEach(entry -> actions.add(entry.path("action").asString()));
        assertThat(actions).containsExactly("created", "updated", "deleted");
        assertThat(audit.json().get(1).path("before").path("name").asString()).isEqualTo("VIP breaches");
        assertThat(audit.json().get(1).path("after").path("name").asString()).isEqualTo("VIP breaches (all)");
        assertThat(api(DemoUser.ADMIN).get("/api/notifications/rules/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api(DemoUser.ADMIN).get("/api/notifications/rules/not-a-uuid").status()).isEqualTo(400);
    }

    @Test
    void slackApiChannelsNotifyAndTheWorkspaceKeepItsSecrets() {
        Api.Reply first = api(DemoUser.SUPERVISOR).get("/api/slack/channels?limit=2");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("items")).hasSize(2);
        String cursor = first.json().path("nextCursor").asString();
        Api.Reply second = api(DemoUser.SUPERVISOR).get("/api/slack/channels?limit=2&cursor=" + cursor);
        assertThat(second.json().path("items")).hasSize(1);
        assertThat(first.body() + second.body()).contains("support-alerts", "general", "vip-care");
        assertThat(api(DemoUser.AGENT).get("/api/slack/channels").status()).isEqualTo(403);

        Api.Reply posted = api(DemoUser.SUPERVISOR).post("/api/slack/notify", """
                {"channel":"#support-alerts","text":"Carrier delays <!channel> today"}""");
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        assertThat(postedTo("#support-alerts")).anyMatch(m -> m.contains("Carrier delays &lt;!channel&gt; today"));
        assertThat(api(DemoUser.AGENT).post("/api/slack/notify", """
                {"channel":"#support-alerts","text":"hi"}""").status()).isEqualTo(403);
        assertThat(api(DemoUser.SUPERVISOR).post("/api/slack/notify", """
                {"channel":"not a channel","text":""}""").status()).isEqualTo(400);

        Api.Reply workspace = api(DemoUser.ADMIN).get("/api/slack/workspace");
        assertThat(workspace.status()).isEqualTo(200);
        assertThat(workspace.json().path("botToken").asBoolean()).isTrue();
        assertThat(workspace.body()).doesNotContain(BOT_TOKEN).doesNotContain(SIGNING_SECRET);
        assertThat(api(DemoUser.SUPERVISOR).get("/api/slack/workspace").status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT bot_token || signing_secret FROM slack_workspace", String.class))
                .startsWith("v1:").doesNotContain(BOT_TOKEN).doesNotContain(SIGNING_SECRET);
        Api.Reply bad = api(DemoUser.ADMIN).send(api(DemoUser.ADMIN).request("/api/slack/workspace")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"botToken\":\"not-a-token\",\"webhookUrl\":\"ftp://x\"}")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("botToken", "webhookUrl").doesNotContain("not-a-token");
        Api.Reply shortSecret = putWorkspace("{\"signingSecret\":\"short\"}");
        assertThat(shortSecret.status()).isEqualTo(400);
        assertThat(shortSecret.body()).contains("signingSecret");
        // removing both the bot token and the webhook would leave nothing to post with
        Api.Reply nothing = putWorkspace("{\"botToken\":\"\",\"webhookUrl\":\"\"}");
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(nothing.body()).contains("a bot token or an incoming-webhook URL is required");
        assertThat(api(DemoUser.ADMIN).get("/api/slack/workspace").json().path("botToken").asBoolean()).isTrue();
    }
}
