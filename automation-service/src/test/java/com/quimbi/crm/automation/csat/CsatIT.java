package com.quimbi.crm.automation.csat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import com.quimbi.crm.test.KafkaProbe;
import com.quimbi.crm.test.TestInfrastructure;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * CSAT surveys with real Postgres, Kafka (ticket events through the inbox) and Keycloak (the service account);
 * ticket-service is a WireMock stand-in that takes the survey message. A solved e-mail ticket gets one survey a
 * second later, its link rates and re-rates (csat.rated on the outbox, valid against its schema), a closed ticket's
 * rating is frozen, and spam, unanswered and already-surveyed customers' tickets get none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "crm.automation.csat.delay=1s", "crm.automation.csat.poll-interval=100ms", "crm.automation.csat.retry-after=500ms",
        "crm.automation.csat.link-secret=" + CsatIT.LINK_SECRET, "crm.automation.scheduler.enabled=false",
        "crm.automation.webhooks.dispatcher-enabled=false" })
@DirtiesContext
class CsatIT {

    static final String LINK_SECRET = "csat-it-link-secret-0123456789";
    static final WireMockServer TICKETS = new WireMockServer(wireMockConfig().dynamicPort());
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Pattern LINK = Pattern.compile("(/api/csat/[A-Za-z0-9._-]+)\\?rating=4");

    static {
        TICKETS.start();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.automation.peers.ticket-service-url", TICKETS::baseUrl);
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

    @BeforeEach
    void setUp() {
        api = Api.at("http://localhost:" + port);
        TICKETS.stubFor(post(urlMatching("/api/tickets/.*/messages")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{}")));
    }

    static void deliver(String type, UUID ticketId, Map<String, Object> data) {
        ObjectNode event = (ObjectNode) JSON.readTree(EventContracts.golden(type, 1));
        event.put("id", UUID.randomUUID().toString());
        event.put("aggregateId", ticketId.toString());
        ObjectNode body = (ObjectNode) event.path("data");
        body.put("ticketId", ticketId.toString());
        data.forEach((field, value) -> body.set(field, JSON.valueToTree(value)));
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), Topics.TICKET, ticketId.toString(),
                event.toString(), Map.of());
    }

    /** An e-mail ticket of {@code customer}, answered by an agent (or not), then solved now. */
    static UUID solvedTicket(UUID customer, List<String> tags, boolean agentReplied) {
        UUID ticketId = UUID.randomUUID();
        deliver("ticket.created", ticketId, Map.of("number", "#4711", "channel", "email", "status", "new",
                "customerId", customer.toString(), "tags", tags));
        if (agentReplied) {
            deliver("message.added", ticketId, Map.of("authorType", "agent", "authorId", "agent-ana",
                    "internal", false));
        }
        deliver("message.added", ticketId, Map.of("authorType", "agent", "authorId", "agent-note", "internal", true));
        deliver("ticket.status_changed", ticketId, Map.of("from", "open", "to", "solved", "reason", "agent",
                "changedAt", Instant.now().toString()));
        return ticketId;
    }

    List<LoggedRequest> surveyMessages(UUID ticketId) {
        return TICKETS.findAll(postRequestedFor(urlEqualTo("/api/tickets/" + ticketId + "/messages")));
    }

    String surveyStatus(UUID ticketId) {
        return jdbc.query("SELECT status || coalesce(':' || skip_reason, '') FROM csat_survey WHERE ticket_id = ?",
                (rs, i) -> rs.getString(1), ticketId).stream().findFirst().orElse("none");
    }

    List<JsonNode> ratedEvents(UUID ticketId) {
        return jdbc.queryForList("SELECT payload::text FROM outbox WHERE type = 'csat.rated' AND aggregateid = ? "
                + "ORDER BY occurredat", String.class, ticketId.toString()).stream().map(payload -> {
                    EventContracts.assertValid(payload);
                    return JSON.readTree(payload).path("data");
                }).toList();
    }

    Api.Reply form(String path, String form) {
        return api.send(api.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    @Test
    void aSolvedTicketGetsOneSurveyWhoseLinkRatesAndChangesTheRatingUntilTheTicketIsClosed() {
        UUID customer = UUID.randomUUID();
        UUID ticketId = solvedTicket(customer, List.of("shipping"), true);

        await().atMost(Duration.ofSeconds(15)).until(() -> surveyMessages(ticketId).size() == 1);
        LoggedRequest message = surveyMessages(ticketId).get(0);
        assertThat(message.getHeader("Authorization")).startsWith("Bearer ");
        JsonNode body = JSON.readTree(message.getBodyAsString());
        assertThat(body.path("internal").asBoolean()).isFalse();
        assertThat(body.path("body").asString()).contains("#4711").contains("?rating=5").contains("?rating=1");
        Matcher link = LINK.matcher(body.path("body").asString());
        assertThat(link.find()).isTrue();
        String page = link.group(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> surveyStatus(ticketId).equals("sent"));

        Api.Reply unrated = api.get(page);
        assertThat(unrated.status()).isEqualTo(200);
        assertThat(unrated.header("Cache-Control")).contains("no-store");
        assertThat(unrated.body()).contains("How did we do?").doesNotContain("<form");

        Api.Reply rated = api.get(page + "?rating=4");
        assertThat(rated.status()).as(rated.toString()).isEqualTo(200);
        assertThat(rated.contentType()).startsWith("text/html");
        assertThat(rated.body()).contains("Thank you").contains("<strong>4</strong>").contains("<form method=\"post\"");
        assertThat(api.get(page + "?rating=4").status()).isEqualTo(200); // a mail scanner's second click: no new event
        List<JsonNode> events = ratedEvents(ticketId);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("score").asInt()).isEqualTo(4);
        assertThat(events.get(0).path("scale").asString()).isEqualTo("one_to_five");
        assertThat(events.get(0).path("agentId").asString()).isEqualTo("agent-ana");
        assertThat(events.get(0).path("customerId").asString()).isEqualTo(customer.toString());
        assertThat(events.get(0).path("changed").asBoolean()).isFalse();

        Api.Reply changed = form(page, "rating=2&comment=" + java.net.URLEncoder.encode("Slow <b>reply</b>",
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.body()).contains("Slow &lt;b&gt;reply&lt;/b&gt;").doesNotContain("<b>reply");
        events = ratedEvents(ticketId);
        assertThat(events).hasSize(2);
        assertThat(events.get(1).path("rating").asString()).isEqualTo("2");
        assertThat(events.get(1).path("comment").asString()).isEqualTo("Slow <b>reply</b>");
        assertThat(events.get(1).path("changed").asBoolean()).isTrue();

        Api.Reply bad = api.get(page + "?rating=good");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(form(page, "comment=no+rating").status()).isEqualTo(400);
        assertThat(form(page, "rating=3&comment=" + "x".repeat(2001)).status()).isEqualTo(400);
        String tampered = page.substring(0, page.length() - 3) + (page.endsWith("AAA") ? "BBB" : "AAA");
        assertThat(api.get(tampered + "?rating=5").status()).isEqualTo(404);
        assertThat(api.get("/api/csat/not-a-token").status()).isEqualTo(404);

        deliver("ticket.status_changed", ticketId, Map.of("from", "solved", "to", "closed", "reason", "agent",
                "changedAt", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT closed FROM csat_survey WHERE ticket_id = ?", Boolean.class, ticketId)));
        Api.Reply frozen = api.get(page + "?rating=5");
        assertThat(frozen.status()).isEqualTo(409);
        assertThat(frozen.contentType()).startsWith("application/problem+json");
        assertThat(api.get(page).body()).contains("closed").contains("<strong>2</strong>");
        assertThat(ratedEvents(ticketId)).hasSize(2);
        assertThat(surveyMessages(ticketId)).hasSize(1);
    }

    @Test
    void anExpiredLinkIsGone() {
        UUID ticketId = solvedTicket(UUID.randomUUID(), List.of(), true);
        await().atMost(Duration.ofSeconds(15)).until(() -> surveyStatus(ticketId).equals("sent"));
        UUID surveyId = jdbc.queryForObject("SELECT id FROM csat_survey WHERE ticket_id = ?", UUID.class, ticketId);
        String expired = new CsatLinks(LINK_SECRET).token(surveyId, Instant.now().minusSeconds(1));
        String forged = new CsatLinks("another-secret-0123456789").token(surveyId, Instant.now().plusSeconds(600));

        Api.Reply gone = api.get("/api/csat/" + expired + "?rating=5");
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/csat/" + forged + "?rating=5").status()).isEqualTo(404);
        assertThat(ratedEvents(ticketId)).isEmpty();
    }

    @Test
    void spamUnansweredReopenedAndRecentlySurveyedCustomersGetNoSurvey() {
        UUID customer = UUID.randomUUID();
        UUID first = solvedTicket(customer, List.of(), true);
        UUID spam = solvedTicket(UUID.randomUUID(), List.of("spam"), true);
        UUID unanswered = solvedTicket(UUID.randomUUID(), List.of(), false);
        UUID reopened = solvedTicket(UUID.randomUUID(), List.of(), true);
        deliver("ticket.status_changed", reopened, Map.of("from", "solved", "to", "open", "reason", "customer_reply",
                "changedAt", Instant.now().toString()));

        await().atMost(Duration.ofSeconds(15)).until(() -> surveyStatus(first).equals("sent")
                && surveyStatus(spam).startsWith("skipped") && surveyStatus(unanswered).startsWith("skipped"));
        UUID again = solvedTicket(customer, List.of(), true);
        await().atMost(Duration.ofSeconds(15)).until(() -> surveyStatus(again).startsWith("skipped"));

        assertThat(surveyStatus(spam)).isEqualTo("skipped:tagged spam");
        assertThat(surveyStatus(unanswered)).isEqualTo("skipped:solved without a public agent reply");
        assertThat(surveyStatus(again)).startsWith("skipped:customer already surveyed");
        assertThat(surveyStatus(reopened)).isEqualTo("none");
        assertThat(surveyMessages(first)).hasSize(1);
        for (UUID none : List.of(spam, unanswered, again, reopened)) {
            assertThat(surveyMessages(none)).isEmpty();
        }
    }

    @Test
    void ticketServiceDownIsRetriedAndARefusalSkipsTheSurvey() {
        UUID down = UUID.randomUUID();
        UUID refused = UUID.randomUUID();
        TICKETS.stubFor(post(urlEqualTo("/api/tickets/" + down + "/messages")).willReturn(aResponse().withStatus(503)));
        TICKETS.stubFor(post(urlEqualTo("/api/tickets/" + refused + "/messages")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":409,\"detail\":\"closed\"}")));
        for (UUID ticketId : List.of(down, refused)) {
            deliver("ticket.created", ticketId, Map.of("channel", "email", "status", "new",
                    "customerId", UUID.randomUUID().toString()));
            deliver("message.added", ticketId, Map.of("authorType", "agent", "authorId", "agent-bo", "internal", false));
            deliver("ticket.status_changed", ticketId, Map.of("from", "open", "to", "solved", "reason", "agent",
                    "changedAt", Instant.now().toString()));
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> surveyMessages(down).size() >= 2
                && surveyStatus(refused).startsWith("skipped"));
        assertThat(surveyStatus(down)).isEqualTo("scheduled");
        assertThat(surveyStatus(refused)).isEqualTo("skipped:ticket-service refused the survey message (409)");

        TICKETS.stubFor(post(urlEqualTo("/api/tickets/" + down + "/messages")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        await().atMost(Duration.ofSeconds(10)).until(() -> surveyStatus(down).equals("sent"));
        assertThat(surveyMessages(refused)).hasSize(1);
    }
}
